import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { slaState, SLA_COLOURS } from '../lib/sla';
import { callHour, CALL_WINDOW, formatTime, leadTimeZone, zoneName } from '../lib/time';
import { KIND_LABEL, PRIORITY_COLOUR, STATUS_LABEL, words } from '../lib/labels';

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

export function SlaCountdown({
  followUp,
  now,
}: {
  followUp: { dueAt: string; slaDeadline: string; createdAt: string };
  now: Date;
}) {
  const sla = slaState(followUp, now);
  return (
    <Badge
      color={SLA_COLOURS[sla.level]}
      variant={sla.level === 'breached' ? 'filled' : 'light'}
      data-sla={sla.level}
      styles={{ label: { fontVariantNumeric: 'tabular-nums' } }}
    >
      {sla.label}
    </Badge>
  );
}

const CALL_WORDS = {
  ok: 'good time to call',
  early: 'too early to call',
  late: 'too late to call',
  unknown: 'local time unknown',
} as const;

/** The lead's local time and whether it is a reasonable hour to call there. */
export function LeadLocalTime({ state, now }: { state: string | null; now: Date }) {
  const zone = leadTimeZone(state);
  const verdict = callHour(now, zone);
  if (zone === null) {
    return (
      <Text size="sm" c="dimmed">
        {CALL_WORDS.unknown}
      </Text>
    );
  }
  return (
    <Tooltip
      label={`Calling hours are ${CALL_WINDOW.fromHour}:00 to ${CALL_WINDOW.toHour}:00 their time (${zone}).`}
    >
      <Group
        gap={6}
        wrap="nowrap"
        tabIndex={0}
        aria-label={`Their time ${formatTime(now, zone)}, ${CALL_WORDS[verdict]}`}
      >
        <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatTime(now, zone)} {zoneName(now, zone)}
        </Text>
        <Badge
          size="sm"
          color={verdict === 'ok' ? 'teal' : 'orange'}
          variant="light"
          data-call-hour={verdict}
        >
          {verdict === 'ok' ? 'ok to call' : verdict === 'early' ? 'too early' : 'too late'}
        </Badge>
      </Group>
    </Tooltip>
  );
}
