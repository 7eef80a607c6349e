import { Table, Text } from '@mantine/core';
import type { LeadDetail } from '../../api/client';
import { CHANNEL_LABEL, OUTCOME_LABEL, words } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { Section } from './Section';

export function Attempts({ lead }: { lead: LeadDetail }) {
  return (
    <Section title={`Contact attempts (${lead.contactAttempts.length})`} testId="attempts">
      {lead.contactAttempts.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody has tried them yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480} type="native">
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>When (your time)</Table.Th>
                <Table.Th>Channel</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>Note</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...lead.contactAttempts].reverse().map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.attemptNumber}</Table.Td>
                  <Table.Td>{formatDateTime(a.attemptedAt)}</Table.Td>
                  <Table.Td>{CHANNEL_LABEL[a.channel] ?? a.channel}</Table.Td>
                  <Table.Td>
                    {OUTCOME_LABEL[a.outcome] ?? words(a.outcome)}
                    {a.callbackAt ? ` · call back ${formatDateTime(a.callbackAt)}` : ''}
                  </Table.Td>
                  <Table.Td>{a.actor?.name ?? '—'}</Table.Td>
                  <Table.Td>{a.note ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
