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

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per locale and options, made once: making one costs about fifty times using
 * it, and the queue formats five times per row every second.
 */
function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions) {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, made);
  }
  return made;
}

/** The wall-clock hour and minute at `at` in `zone`. */
export function wallClock(at: Date, zone: string): { hour: number; minute: number } {
  const parts = formatter('en-US', {
    timeZone: zone,
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { hour: get('hour') % 24, minute: get('minute') };
}

export type CallHour = 'ok' | 'early' | 'late' | 'unknown';

/** Whether `at` is a reasonable hour to call someone in `zone`. */
export function callHour(at: Date, zone: string | null): CallHour {
  if (zone === null) return 'unknown';
  const { hour } = wallClock(at, zone);
  if (hour < CALL_WINDOW.fromHour) return 'early';
  if (hour >= CALL_WINDOW.toHour) return 'late';
  return 'ok';
}

/** "2:05 PM" in the zone given, or the browser's. */
export function formatTime(at: Date | string, zone?: string): string {
  return formatter(undefined, {
    timeZone: zone,
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(at));
}

/** "Thu, Dec 3, 2:05 PM" in the browser's zone. */
export function formatDateTime(at: Date | string | null | undefined, zone?: string): string {
  if (!at) return '—';
  return formatter(undefined, {
    timeZone: zone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(at));
}

/** A zone's short name at `at` ("PST", "GMT-5"). */
export function zoneName(at: Date, zone: string): string {
  const part = formatter('en-US', { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
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
  const verdict = callHour(now, zone);
  const words =
    verdict === 'ok'
      ? 'ok to call'
      : verdict === 'early'
        ? 'too early to call'
        : 'too late to call';
  return `their time ${formatTime(now, zone)} ${zoneName(now, zone)}, ${words}`;
}
