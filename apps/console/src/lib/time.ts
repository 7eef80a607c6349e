/**
 * Times as a coordinator reads them: in their own zone (the browser's), with the lead's local
 * time beside it. The lead's zone is guessed from their state the way scheduling guesses it
 * (libs/scheduling/src/domain/state-time-zones.ts; a unit spec keeps the two maps equal).
 */
export const STATE_TIME_ZONES: Readonly<Record<string, string>> = Object.freeze({
  AL: 'America/Chicago',
  AK: 'America/Anchorage',
  AZ: 'America/Phoenix',
  AR: 'America/Chicago',
  CA: 'America/Los_Angeles',
  CO: 'America/Denver',
  CT: 'America/New_York',
  DE: 'America/New_York',
  DC: 'America/New_York',
  FL: 'America/New_York',
  GA: 'America/New_York',
  HI: 'Pacific/Honolulu',
  ID: 'America/Boise',
  IL: 'America/Chicago',
  IN: 'America/Indiana/Indianapolis',
  IA: 'America/Chicago',
  KS: 'America/Chicago',
  KY: 'America/New_York',
  LA: 'America/Chicago',
  ME: 'America/New_York',
  MD: 'America/New_York',
  MA: 'America/New_York',
  MI: 'America/Detroit',
  MN: 'America/Chicago',
  MS: 'America/Chicago',
  MO: 'America/Chicago',
  MT: 'America/Denver',
  NE: 'America/Chicago',
  NV: 'America/Los_Angeles',
  NH: 'America/New_York',
  NJ: 'America/New_York',
  NM: 'America/Denver',
  NY: 'America/New_York',
  NC: 'America/New_York',
  ND: 'America/Chicago',
  OH: 'America/New_York',
  OK: 'America/Chicago',
  OR: 'America/Los_Angeles',
  PA: 'America/New_York',
  RI: 'America/New_York',
  SC: 'America/New_York',
  SD: 'America/Chicago',
  TN: 'America/Chicago',
  TX: 'America/Chicago',
  UT: 'America/Denver',
  VT: 'America/New_York',
  VA: 'America/New_York',
  WA: 'America/Los_Angeles',
  WV: 'America/New_York',
  WI: 'America/Chicago',
  WY: 'America/Denver',
  AS: 'Pacific/Pago_Pago',
  GU: 'Pacific/Guam',
  MP: 'Pacific/Saipan',
  PR: 'America/Puerto_Rico',
  VI: 'America/St_Thomas',
});

/** The lead's zone, or null when their state is unknown (the console then says so). */
export function leadTimeZone(state: string | null | undefined): string | null {
  const code = state?.trim().toUpperCase() ?? '';
  return Object.hasOwn(STATE_TIME_ZONES, code) ? STATE_TIME_ZONES[code]! : null;
}

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
export function theirTime(state: string | null, now: Date): string {
  const zone = leadTimeZone(state);
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
