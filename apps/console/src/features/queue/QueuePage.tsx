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
  Tooltip,
} from '@mantine/core';
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { QueueItem } from '../../api/client';
import { useStaff } from '../../app/session-context';
import {
  CrisisBadge,
  KindBadge,
  LeadLocalTime,
  PriorityBadge,
  SlaCountdown,
  TheirTime,
} from '../../components/Badges';
import { fullName, words } from '../../lib/labels';
import { sortQueue, useSortTime } from '../../lib/queue';
import { CALL_WINDOW, formatDateTime } from '../../lib/time';
import { useRowKeys } from '../../lib/use-row-keys';
import { useCrisisLeads, useMyQueue } from './queue.api';
import classes from '../../components/rows.module.css';

/** Rows in the first paint: a screenful (about 14 rows at 1280×800, 20 on a tablet held upright). */
const FIRST_ROWS = 20;
/** Rows added in each frame after it. */
const ROWS_PER_FRAME = 60;

export function QueuePage() {
  const staff = useStaff();
  const queue = useMyQueue();
  const crisis = useCrisisLeads();
  const data = queue.data?.items;
  // Re-sorted when a deadline passes (an overdue row moves up), not on every tick.
  const sortedAt = useSortTime(data);
  const items = useMemo(() => sortQueue(data ?? [], sortedAt), [data, sortedAt]);
  const keys = useRowKeys(items.length);
  const total = queue.data?.total ?? 0;
  // The first screenful paints at once; the rows below it are added a chunk per frame after
  // that, so a long queue does not hold back its top, and a key press or a tick never waits
  // behind more than one chunk. (A transition would be starved: every tick interrupts it.)
  const [limit, setLimit] = useState(FIRST_ROWS);
  const more = items.length > limit;
  useEffect(() => {
    if (!more) return;
    const frame = requestAnimationFrame(() => setLimit((l) => l + ROWS_PER_FRAME));
    return () => cancelAnimationFrame(frame);
  }, [more, limit]);
  const rows = more ? items.slice(0, limit) : items;

  return (
    <Stack gap="md">
      <CrisisBanner leads={crisis.data ?? []} staffId={staff.id} />
      <Group justify="space-between" align="baseline">
        <Title order={1} size="h2">
          My queue
        </Title>
        <Text size="sm" c="dimmed">
          {queue.data
            ? `${total} open follow-up${total === 1 ? '' : 's'}${total > items.length ? ` (the first ${items.length} shown)` : ''}`
            : ''}{' '}
          · overdue first, then priority, then due time · times in your zone
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
        <Table.ScrollContainer minWidth={1100} type="native">
          <Table highlightOnHover verticalSpacing="sm" aria-label="My open follow-ups">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Person</Table.Th>
                <Table.Th>Asked about</Table.Th>
                <Table.Th>Follow-up</Table.Th>
                <Table.Th>SLA</Table.Th>
                <Table.Th>Due (your time)</Table.Th>
                <Table.Th>
                  <Tooltip
                    label={`Calling hours are ${CALL_WINDOW.fromHour}:00 to ${CALL_WINDOW.toHour}:00 their time.`}
                  >
                    <span tabIndex={0}>Their time</span>
                  </Tooltip>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((item, i) => (
                <QueueRow
                  key={item.id}
                  item={item}
                  index={i}
                  selected={keys.index === i}
                  setRow={keys.setRow}
                  focused={keys.focused}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/**
 * One follow-up. Memoized: a key press re-renders the two rows whose selection changed, a tick
 * only the countdowns inside (they read the clock themselves), a refetch only the rows whose
 * data changed (TanStack Query keeps unchanged items the same objects).
 */
const QueueRow = memo(function QueueRow({
  item,
  index,
  selected,
  setRow,
  focused,
}: {
  item: QueueItem;
  index: number;
  selected: boolean;
  setRow: (i: number, el: HTMLElement | null) => void;
  focused: (i: number) => void;
}) {
  const ref = useCallback((el: HTMLElement | null) => setRow(index, el), [index, setRow]);
  const lead = item.lead;
  const td = Table.classes.td;
  return (
    <Table.Tr
      className={classes.row}
      data-selected={selected || undefined}
      data-testid="queue-row"
      data-lead-id={item.leadId}
    >
      <td className={td}>
        <div className={classes.inline}>
          <Anchor
            component={Link}
            to={`/leads/${item.leadId}`}
            ref={ref}
            onFocus={() => focused(index)}
            fw={600}
            className={classes.rowLink}
          >
            {fullName(lead)}
          </Anchor>
          {lead.crisisFlag && <CrisisBadge />}
          {item.priority !== 'normal' && <PriorityBadge priority={item.priority} />}
        </div>
      </td>
      <td className={td}>{words(lead.interest)}</td>
      <td className={td}>
        <div className={classes.inlineTight}>
          <KindBadge kind={item.kind} />
          {item.attempt > 1 && <span className={classes.note}>attempt {item.attempt}</span>}
        </div>
      </td>
      <td className={td}>
        <SlaCountdown followUp={item} />
      </td>
      <td className={`${td} ${classes.small}`}>{formatDateTime(item.dueAt)}</td>
      <td className={td}>
        <LeadLocalTime zone={lead.timeZone} explain={false} />
      </td>
    </Table.Tr>
  );
});

type CrisisLead = NonNullable<ReturnType<typeof useCrisisLeads>['data']>[number];

/** Open crisis-flagged leads, mine first: above everything, in red, with who has each. */
function CrisisBanner({ leads, staffId }: { leads: CrisisLead[]; staffId: string }) {
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
            · asked {formatDateTime(lead.lastSubmittedAt)} ·{' '}
            <b>
              <TheirTime zone={lead.timeZone} />
            </b>
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
