import { Badge, Tooltip } from '@mantine/core';
import { useClock } from '../lib/clock';
import { slaState, SLA_COLOURS, type SlaLevel } from '../lib/sla';
import { CALL_WINDOW, theirClock, theirTime, type CallHour } from '../lib/time';
import { KIND_LABEL, PRIORITY_COLOUR, STATUS_LABEL, words } from '../lib/labels';
import classes from './rows.module.css';

export function PriorityBadge({ priority }: { priority: string }) {
  return (
    <Badge
      color={PRIORITY_COLOUR[priority] ?? 'gray'}
      variant={priority === 'urgent' ? 'filled' : priority === 'high' ? 'light' : 'outline'}
    >
      {priority}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color="indigo" variant="light">
      {STATUS_LABEL[status] ?? words(status)}
    </Badge>
  );
}

export function KindBadge({ kind }: { kind: string }) {
  return (
    <Badge color="gray" variant="light">
      {KIND_LABEL[kind] ?? words(kind)}
    </Badge>
  );
}

export function CrisisBadge() {
  return (
    <Badge color="red" variant="filled">
      Crisis
    </Badge>
  );
}

/**
 * The SLA countdown, live: it reads the shared clock by itself, so a ticking second re-renders
 * this badge alone (and only while its label changes), not the row or the page around it.
 */
export function SlaCountdown({
  followUp,
}: {
  followUp: { dueAt: string; slaDeadline: string; createdAt: string };
}) {
  const shown = useClock((now) => {
    const sla = slaState(followUp, now);
    return `${sla.level} ${sla.label}`;
  });
  const level = shown.slice(0, shown.indexOf(' ')) as SlaLevel;
  return (
    <Badge
      color={SLA_COLOURS[level]}
      variant={level === 'breached' ? 'filled' : 'light'}
      data-sla={level}
      styles={{ label: { fontVariantNumeric: 'tabular-nums' } }}
    >
      {shown.slice(level.length + 1)}
    </Badge>
  );
}

const CALL_WORDS = {
  ok: 'good time to call',
  early: 'too early to call',
  late: 'too late to call',
  unknown: 'local time unknown',
} as const;

/**
 * The lead's local time and whether it is a reasonable hour to call there; live, per minute.
 * `explain`: a tooltip with the calling hours (a list says it once, in its column's header).
 */
export function LeadLocalTime({
  zone,
  explain = true,
}: {
  zone: string | null;
  explain?: boolean;
}) {
  const shown = useClock((now) => {
    if (zone === null) return '';
    const their = theirClock(now, zone);
    return `${their.verdict} ${their.shown}`;
  });
  if (zone === null) return <span className={classes.dimmed}>{CALL_WORDS.unknown}</span>;
  const verdict = shown.slice(0, shown.indexOf(' ')) as Exclude<CallHour, 'unknown'>;
  const time = shown.slice(verdict.length + 1);
  const cell = (
    <div
      className={classes.inlineTight}
      {...(explain
        ? { tabIndex: 0, role: 'group', 'aria-label': `Their time ${time}, ${CALL_WORDS[verdict]}` }
        : {})}
    >
      <span className={classes.tabular}>{time}</span>
      <Badge
        size="sm"
        color={verdict === 'ok' ? 'teal' : 'orange'}
        variant="light"
        data-call-hour={verdict}
      >
        {verdict === 'ok' ? 'ok to call' : verdict === 'early' ? 'too early' : 'too late'}
      </Badge>
    </div>
  );
  if (!explain) return cell;
  return (
    <Tooltip
      label={`Calling hours are ${CALL_WINDOW.fromHour}:00 to ${CALL_WINDOW.toHour}:00 their time (${zone}).`}
    >
      {cell}
    </Tooltip>
  );
}

/** "their time 2:05 PM EST, ok to call", live, for one line of text. */
export function TheirTime({ zone }: { zone: string | null }) {
  return <>{useClock((now) => theirTime(zone, now))}</>;
}
