import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { Link } from 'react-router';
import { useStaff } from '../../app/session-context';
import {
  CrisisBadge,
  KindBadge,
  LeadLocalTime,
  PriorityBadge,
  SlaCountdown,
} from '../../components/Badges';
import { fullName, words } from '../../lib/labels';
import { sortQueue } from '../../lib/queue';
import { formatDateTime, theirTime } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { useRowKeys } from '../../lib/use-row-keys';
import { useCrisisLeads, useMyQueue, useQueueLeads } from './queue.api';
import classes from '../../components/rows.module.css';

export function QueuePage() {
  const staff = useStaff();
  const now = useNow(1000);
  const queue = useMyQueue();
  const leads = useQueueLeads(queue.data?.items);
  const crisis = useCrisisLeads();
  const items = sortQueue(queue.data?.items ?? [], now);
  const keys = useRowKeys(items.length);

  return (
    <Stack gap="md">
      <CrisisBanner leads={crisis.data ?? []} staffId={staff.id} now={now} />
      <Group justify="space-between" align="baseline">
        <Title order={1} size="h2">
          My queue
        </Title>
        <Text size="sm" c="dimmed">
          {queue.data ? `${items.length} open follow-up${items.length === 1 ? '' : 's'}` : ''} ·
          overdue first, then priority, then due time · times in your zone
        </Text>
      </Group>
      {queue.isError && (
        <Alert color="red" title="Your queue could not be loaded">
          {queue.error.message} It will try again by itself;{' '}
          <Anchor component="button" onClick={() => void queue.refetch()}>
            try now
          </Anchor>
          .
        </Alert>
      )}
      {queue.isPending && <Skeleton h={240} />}
      {queue.isSuccess && items.length === 0 && (
        <Paper withBorder p="xl">
          <Stack gap="xs" align="flex-start">
            <Title order={2} size="h4">
              Nothing to do right now
            </Title>
            <Text>
              New leads assigned to you appear here by themselves, with the most urgent on top.
              Meanwhile you can pick up a lead nobody has yet.
            </Text>
            <Button
              component={Link}
              to="/leads?unassigned=true&status=new,attempting_contact,contacted&sort=priority"
              variant="light"
            >
              Unassigned leads
            </Button>
          </Stack>
        </Paper>
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={1100}>
          <Table highlightOnHover verticalSpacing="sm" aria-label="My open follow-ups">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Person</Table.Th>
                <Table.Th>Asked about</Table.Th>
                <Table.Th>Follow-up</Table.Th>
                <Table.Th>SLA</Table.Th>
                <Table.Th>Due (your time)</Table.Th>
                <Table.Th>Their time</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item, i) => {
                const lead = leads.data?.get(item.leadId);
                return (
                  <Table.Tr
                    key={item.id}
                    className={classes.row}
                    data-selected={keys.index === i || undefined}
                    data-testid="queue-row"
                    data-lead-id={item.leadId}
                  >
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Anchor
                          component={Link}
                          to={`/leads/${item.leadId}`}
                          ref={keys.rowRef(i)}
                          onFocus={keys.onFocus(i)}
                          fw={600}
                          className={classes.rowLink}
                        >
                          {lead ? fullName(lead) : 'Loading…'}
                        </Anchor>
                        {lead?.crisisFlag && <CrisisBadge />}
                        {item.priority !== 'normal' && <PriorityBadge priority={item.priority} />}
                      </Group>
                    </Table.Td>
                    <Table.Td>{words(lead?.interest ?? null)}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <KindBadge kind={item.kind} />
                        {item.attempt > 1 && (
                          <Text size="xs" c="dimmed">
                            attempt {item.attempt}
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <SlaCountdown followUp={item} now={now} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(item.dueAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <LeadLocalTime state={lead?.state ?? null} now={now} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

type CrisisLead = NonNullable<ReturnType<typeof useCrisisLeads>['data']>[number];

/** Open crisis-flagged leads, mine first: above everything, in red, with who has each. */
function CrisisBanner({
  leads,
  staffId,
  now,
}: {
  leads: CrisisLead[];
  staffId: string;
  now: Date;
}) {
  if (leads.length === 0) return null;
  const sorted = [...leads].sort(
    (a, b) => Number(b.owner?.id === staffId) - Number(a.owner?.id === staffId),
  );
  return (
    <Alert
      color="red"
      variant="filled"
      role="alert"
      title={`Crisis language: ${leads.length} open lead${leads.length === 1 ? '' : 's'} to call first`}
      data-testid="crisis-banner"
    >
      <Stack gap={6}>
        {sorted.map((lead) => (
          <Text key={lead.id} size="sm" c="white">
            <Anchor
              component={Link}
              to={`/leads/${lead.id}`}
              c="white"
              fw={700}
              underline="always"
              size="md"
            >
              {fullName(lead)}
            </Anchor>{' '}
            · {words(lead.interest)} ·{' '}
            {lead.owner
              ? lead.owner.id === staffId
                ? 'yours'
                : `${lead.owner.name ?? 'someone'}’s`
              : 'nobody has it yet'}{' '}
            · asked {formatDateTime(lead.lastSubmittedAt)} · <b>{theirTime(lead.state, now)}</b>
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
