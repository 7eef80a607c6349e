import { Kbd, Modal, Table, Text } from '@mantine/core';

export const SHORTCUTS: { keys: string[]; what: string; where: string }[] = [
  { keys: ['j'], what: 'Next row', where: 'Queue, Leads' },
  { keys: ['k'], what: 'Previous row', where: 'Queue, Leads' },
  { keys: ['Enter'], what: 'Open the lead in the row', where: 'Queue, Leads' },
  { keys: ['/'], what: 'Search', where: 'Leads' },
  { keys: ['a'], what: 'Log a contact attempt', where: 'Lead' },
  { keys: ['a', '1'], what: 'Called, no answer (two keys)', where: 'Lead' },
  { keys: ['n'], what: 'Add a note', where: 'Lead' },
  { keys: ['m'], what: 'Move in the pipeline', where: 'Lead' },
  { keys: ['Esc'], what: 'Close a dialog', where: 'Everywhere' },
  { keys: ['q'], what: 'Go to my queue', where: 'Everywhere' },
  { keys: ['l'], what: 'Go to leads', where: 'Everywhere' },
  { keys: ['?'], what: 'This list', where: 'Everywhere' },
];

export function ShortcutsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="lg">
      <Text size="sm" mb="sm">
        Everything also works with Tab, Shift+Tab, Enter and Space. Shortcuts do nothing while you
        type in a field.
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Keys</Table.Th>
            <Table.Th>Does</Table.Th>
            <Table.Th>Where</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SHORTCUTS.map((s) => (
            <Table.Tr key={s.keys.join('+') + s.what}>
              <Table.Td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' then '}
                    <Kbd>{k}</Kbd>
                  </span>
                ))}
              </Table.Td>
              <Table.Td>{s.what}</Table.Td>
              <Table.Td>{s.where}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
