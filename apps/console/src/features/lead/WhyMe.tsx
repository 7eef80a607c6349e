import { Skeleton, Stack, Text } from '@mantine/core';
import { formatDateTime } from '../../lib/time';
import { useExplanation } from './lead.api';
import { Section } from './Section';

/** Why the lead went to its owner: the latest routing decision in one sentence. */
export function WhyMe({ leadId }: { leadId: string }) {
  const explanation = useExplanation(leadId);
  const latest = explanation.data?.decisions[0];
  return (
    <Section title="Why this owner" testId="why-me">
      {explanation.isError ? (
        <Text size="sm" c="dimmed">
          The assignment explanation could not be loaded.
        </Text>
      ) : !explanation.data ? (
        <Skeleton h={40} />
      ) : !latest ? (
        <Text size="sm" c="dimmed">
          No routing decision yet
          {explanation.data.waitingUntil
            ? `; next try ${formatDateTime(explanation.data.waitingUntil)}`
            : ''}
          .
        </Text>
      ) : (
        <Stack gap={4}>
          <Text size="sm">{latest.summary}</Text>
          <Text size="xs" c="dimmed">
            Decided {formatDateTime(latest.decidedAt)}
            {explanation.data.decisions.length > 1
              ? ` · ${explanation.data.decisions.length - 1} earlier decision(s)`
              : ''}
          </Text>
        </Stack>
      )}
    </Section>
  );
}
