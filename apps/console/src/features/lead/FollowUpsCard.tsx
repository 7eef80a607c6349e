import { Group, Skeleton, Stack, Text } from '@mantine/core';
import type { FollowUp } from '../../api/client';
import { KindBadge, SlaCountdown } from '../../components/Badges';
import { OUTCOME_LABEL, words } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { Section } from './Section';

export function FollowUpsCard({ followUps }: { followUps: FollowUp[] | undefined }) {
  return (
    <Section title="Follow-ups" testId="follow-ups">
      {followUps === undefined ? (
        <Skeleton h={60} />
      ) : followUps.length === 0 ? (
        <Text size="sm" c="dimmed">
          None yet: the lead is waiting to be routed, or is closed.
        </Text>
      ) : (
        <Stack gap={6}>
          {followUps.slice(0, 6).map((f) => (
            <Group
              key={f.id}
              gap="xs"
              wrap="wrap"
              data-testid={f.status === 'open' ? 'open-follow-up' : undefined}
            >
              <KindBadge kind={f.kind} />
              <Text size="sm">
                #{f.attempt} due {formatDateTime(f.dueAt)}
              </Text>
              {f.status === 'open' ? (
                <SlaCountdown followUp={f} />
              ) : (
                <Text size="xs" c="dimmed">
                  {f.status}
                  {f.outcome ? `: ${OUTCOME_LABEL[f.outcome] ?? words(f.outcome)}` : ''}
                  {f.cancelReason ? ` (${words(f.cancelReason)})` : ''}
                </Text>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </Section>
  );
}
