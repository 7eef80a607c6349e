import { Stack, Table, Text } from '@mantine/core';
import type { LeadDetail } from '../../api/client';
import { formatDateTime } from '../../lib/time';
import { Section } from './Section';

export function Submissions({ lead }: { lead: LeadDetail }) {
  return (
    <Section title={`Requests (${lead.submissions.length})`} testId="submissions">
      <Stack gap="sm">
        {[...lead.submissions].reverse().map((s) => (
          <Stack key={s.id} gap={4}>
            <Text size="sm" fw={500}>
              {s.formKey} · {formatDateTime(s.receivedAt)}
            </Text>
            {s.fields ? (
              <Table withTableBorder withColumnBorders verticalSpacing={2} fz="sm">
                <Table.Tbody>
                  {Object.entries({ ...s.fields, ...(s.unknownFields ?? {}) }).map(([k, v]) => (
                    <Table.Tr key={k}>
                      <Table.Th w={180}>{k}</Table.Th>
                      <Table.Td style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                        {typeof v === 'string' ? v : JSON.stringify(v)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text size="sm" c="dimmed">
                The form as typed is not shown to your role.
              </Text>
            )}
          </Stack>
        ))}
      </Stack>
    </Section>
  );
}
