export type SpamReason = 'honeypot' | 'too_fast';

export interface SpamSignals {
  honeypotValue: unknown;
  /** When the visitor opened the form, as the page reported it (epoch ms or ISO 8601). */
  formStartedAt: unknown;
  receivedAt: Date;
  minFillSeconds: number;
}

/**
 * Spam or not, from the honeypot and the fill time. An unreadable start time, or one in the
 * future (a visitor's clock ahead of ours), is no evidence of a bot, so it never marks spam.
 */
export function judgeSpam(signals: SpamSignals): SpamReason | null {
  if (isFilled(signals.honeypotValue)) return 'honeypot';
  const startedAt = parseInstant(signals.formStartedAt);
  if (startedAt === null) return null;
  const elapsedMs = signals.receivedAt.getTime() - startedAt.getTime();
  if (elapsedMs >= 0 && elapsedMs < signals.minFillSeconds * 1000) return 'too_fast';
  return null;
}

function isFilled(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (Array.isArray(value)) return value.some(isFilled);
  return String(value).trim() !== '';
}

export function parseInstant(value: unknown): Date | null {
  const v = Array.isArray(value) ? value[value.length - 1] : value;
  let date: Date;
  if (typeof v === 'number') date = new Date(v);
  else if (typeof v === 'string' && v.trim() !== '') {
    const trimmed = v.trim();
    date = /^\d{10,16}$/.test(trimmed) ? new Date(Number(trimmed)) : new Date(trimmed);
  } else return null;
  return Number.isNaN(date.getTime()) ? null : date;
}
