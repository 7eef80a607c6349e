import { Text, Timeline } from '@mantine/core';
import type { LeadDetail } from '../../api/client';
import { actorName, describeChanges } from '../../lib/conflict';
import { words } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { Section } from './Section';

export function History({ lead }: { lead: LeadDetail }) {
  return (
    <Section title="History" testId="history">
      <Timeline bulletSize={14} lineWidth={2} active={lead.history.length}>
        {[...lead.history].reverse().map((h) => (
          <Timeline.Item
            key={h.id}
            title={
              <Text size="sm" fw={500}>
                {words(h.action)}
              </Text>
            }
          >
            <Text size="xs" c="dimmed">
              {actorName(h.actor, h.action)} · {formatDateTime(h.occurredAt)}
            </Text>
            {Object.keys(h.changes).length > 0 && (
              <Text size="xs" style={{ wordBreak: 'break-word' }}>
                {describeChanges(
                  h.changes as Record<string, { from?: unknown; to?: unknown }>,
                  lead.staffNames,
                )}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Section>
  );
}
