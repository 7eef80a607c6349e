import { DateTime, IANAZone } from 'luxon';
import { ALERT_KINDS, AlertKind, AlertUrgency } from './alert';

/** Where a person's alerts go: their staff email, and a chat incoming webhook (Slack-compatible). */
export const ALERT_CHANNELS = ['email', 'chat'] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

/** Non-urgent alerts one by one (`off`), or gathered: at the top of each hour, or daily at 08:00. */
export const DIGEST_MODES = ['off', 'hourly', 'daily'] as const;
export type DigestMode = (typeof DIGEST_MODES)[number];

/** The local hour a daily digest goes out, in the person's zone. */
export const DAILY_DIGEST_HOUR = 8;

/** `HH:mm`, in the person's zone; `end` before `start` spans midnight (22:00–07:00). */
export interface QuietHours {
  start: string;
  end: string;
}

/** One person's choices; a person who never chose has `defaultAlertSettings`. */
export interface AlertSettings {
  staffId: string;
  emailEnabled: boolean;
  /** An incoming webhook (Slack, Mattermost, Rocket.Chat, Teams): gets `{"text": …}`. */
  chatWebhookUrl: string | null;
  /** The kinds they want; pages (`urgency: 'page'`) come whatever this says. */
  kinds: AlertKind[];
  quietHours: QuietHours | null;
  /** IANA zone their quiet hours and digest times are in. */
  timeZone: string;
  digest: DigestMode;
  updatedAt: Date | null;
}

export function defaultAlertSettings(staffId: string): AlertSettings {
  return {
    staffId,
    emailEnabled: true,
    chatWebhookUrl: null,
    kinds: [...ALERT_KINDS],
    quietHours: null,
    timeZone: 'UTC',
    digest: 'off',
    updatedAt: null,
  };
}

export const CLOCK_TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** What becomes of one alert for its person, now. */
export type AlertRoute =
  /** Not wanted, or no channel to reach them on. */
  | { action: 'skip'; reason: 'not_wanted' | 'no_channel' }
  | { action: 'send'; channels: AlertChannel[] }
  /** Normal urgency in quiet hours: sent when they end. */
  | { action: 'hold'; until: Date }
  /** Normal urgency for someone with a digest: in the next one. */
  | { action: 'digest'; at: Date };

/**
 * The rules of delivery:
 * - `page`: every channel the person has (their email even if they turned email alerts off),
 *   at once, through quiet hours, never in a digest, whichever kinds they chose;
 * - `urgent`: their channels, at once, through quiet hours, if they want the kind;
 * - `normal`: in their next digest if they have one (never inside quiet hours), else held
 *   through quiet hours, else at once.
 */
export function routeAlert(
  alert: { kind: AlertKind; urgency: AlertUrgency },
  settings: AlertSettings,
  email: string | null,
  now: Date,
): AlertRoute {
  const page = alert.urgency === 'page';
  if (!page && !settings.kinds.includes(alert.kind))
    return { action: 'skip', reason: 'not_wanted' };
  const channels: AlertChannel[] = [];
  if (email && (page || settings.emailEnabled)) channels.push('email');
  if (settings.chatWebhookUrl) channels.push('chat');
  if (channels.length === 0) return { action: 'skip', reason: 'no_channel' };
  if (alert.urgency !== 'normal') return { action: 'send', channels };
  if (settings.digest !== 'off') return { action: 'digest', at: nextDigestAt(settings, now) };
  if (inQuietHours(settings, now)) return { action: 'hold', until: quietHoursEnd(settings, now) };
  return { action: 'send', channels };
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours! * 60 + minutes!;
}

export function inQuietHours(settings: AlertSettings, at: Date): boolean {
  if (!settings.quietHours) return false;
  const local = DateTime.fromJSDate(at, { zone: settings.timeZone });
  const m = local.hour * 60 + local.minute;
  const start = minutesOf(settings.quietHours.start);
  const end = minutesOf(settings.quietHours.end);
  if (start === end) return false;
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/** The next time the person's quiet hours end after `at` (DST-aware, in their zone). */
export function quietHoursEnd(settings: AlertSettings, at: Date): Date {
  return nextLocalTime(settings.timeZone, minutesOf(settings.quietHours!.end), at);
}

/** When the digest that an alert arriving at `at` belongs to goes out: never in quiet hours. */
export function nextDigestAt(settings: AlertSettings, at: Date): Date {
  const local = DateTime.fromJSDate(at, { zone: settings.timeZone });
  const slot =
    settings.digest === 'hourly'
      ? local.startOf('hour').plus({ hours: 1 }).toJSDate()
      : nextLocalTime(settings.timeZone, DAILY_DIGEST_HOUR * 60, at);
  return inQuietHours(settings, slot) ? quietHoursEnd(settings, slot) : slot;
}

function nextLocalTime(zone: string, minuteOfDay: number, after: Date): Date {
  const local = DateTime.fromJSDate(after, { zone });
  let candidate = local.set({
    hour: Math.floor(minuteOfDay / 60),
    minute: minuteOfDay % 60,
    second: 0,
    millisecond: 0,
  });
  if (candidate <= local) candidate = candidate.plus({ days: 1 });
  return candidate.toJSDate();
}
