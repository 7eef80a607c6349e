/**
 * Times as a coordinator reads them: in their own zone (the browser's), with the lead's local
 * time beside it. The lead's zone comes from the API (`timeZone`, guessed from their state by
 * the same map scheduling uses), never from a copy kept here.
 */

/**
 * Calling hours: 8 a.m. to 9 p.m. at the called person's location, the window the US
 * Telephone Consumer Protection Act allows for such calls (47 CFR 64.1200(c)(1)).
 */
export const CALL_WINDOW = { fromHour: 8, toHour: 21 } as const;

/**
 * A formatter per zone, made once: making one costs about fifty times using it, and the queue
 * formats several times per row every second. (Keyed by the zone alone: a key built from the
 * options, JSON.stringify per call, was a tenth of a cold queue's first render.)
 */
function perZone(make: (zone: string | undefined) => Intl.DateTimeFormat) {
  const made = new Map<string | undefined, Intl.DateTimeFormat>();
  return (zone: string | undefined): Intl.DateTimeFormat => {
    let formatter = made.get(zone);
    if (!formatter) {
      formatter = make(zone);
      made.set(zone, formatter);
    }
    return formatter;
  };
}

/** Their local time, all in one: "2:05 PM" and "EST" from the same parts. */
const localFormat = perZone(
  (timeZone) =>
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    }),
);
const dateTimeFormat = perZone(
  (timeZone) =>
    new Intl.DateTimeFormat(undefined, {
      timeZone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    }),
);

export interface LocalTime {
  /** 0–23. */
  hour: number;
  minute: number;
  /** "2:05 PM". */
  time: string;
  /** The zone's short name then ("EST", "GMT-5"), or the zone's id if it has none. */
  zoneName: string;
}

/** The time at `at` where `zone` is, read from one formatter's parts. */
export function localTime(at: Date, zone: string): LocalTime {
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of localFormat(zone).formatToParts(at)) part[p.type] = p.value;
  const hour12 = Number(part.hour ?? 0) % 12;
  const pm = /^p/i.test(part.dayPeriod ?? '');
  const minute = Number(part.minute ?? 0);
  return {
    hour: pm ? hour12 + 12 : hour12,
    minute,
    time: `${part.hour}:${part.minute} ${part.dayPeriod}`,
    zoneName: part.timeZoneName ?? zone,
  };
}

/** The wall-clock hour and minute at `at` in `zone`. */
export function wallClock(at: Date, zone: string): { hour: number; minute: number } {
  const { hour, minute } = localTime(at, zone);
  return { hour, minute };
}

export type CallHour = 'ok' | 'early' | 'late' | 'unknown';

/** Whether `at` is a reasonable hour to call someone in `zone`. */
export function callHour(at: Date, zone: string | null): CallHour {
  return zone === null ? 'unknown' : callHourAt(localTime(at, zone).hour);
}

function callHourAt(hour: number): Exclude<CallHour, 'unknown'> {
  if (hour < CALL_WINDOW.fromHour) return 'early';
  if (hour >= CALL_WINDOW.toHour) return 'late';
  return 'ok';
}

/** "Thu, Dec 3, 2:05 PM" in the browser's zone. */
export function formatDateTime(at: Date | string | null | undefined, zone?: string): string {
  if (!at) return '—';
  return dateTimeFormat(zone).format(new Date(at));
}

/**
 * What a row shows of the lead's time: "2:05 PM EST" and whether it is a reasonable hour to
 * call, from one formatting.
 */
export function theirClock(
  at: Date,
  zone: string,
): { shown: string; verdict: Exclude<CallHour, 'unknown'> } {
  const local = localTime(at, zone);
  return { shown: `${local.time} ${local.zoneName}`, verdict: callHourAt(local.hour) };
}

/** "1h 05m", "4m 10s", "45s": a duration for a countdown, always positive. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
  return `${seconds}s`;
}

/** A value for <input type="datetime-local"> in the browser's zone. */
export function toLocalInput(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The instant a datetime-local value names in the browser's zone, as ISO 8601 (UTC). */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** "their time 2:05 PM EST, ok to call" for one line of text. */
export function theirTime(zone: string | null, now: Date): string {
  if (zone === null) return 'their local time unknown';
  const { shown, verdict } = theirClock(now, zone);
  const words =
    verdict === 'ok'
      ? 'ok to call'
      : verdict === 'early'
        ? 'too early to call'
        : 'too late to call';
  return `their time ${shown}, ${words}`;
}
