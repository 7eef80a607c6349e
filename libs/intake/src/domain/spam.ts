export type SpamReason = 'honeypot' | 'too_fast' | 'start_token' | 'captcha';

/** What the server made of the start token the page sent. */
export type StartTokenReading =
  | { status: 'valid'; startedAt: Date }
  | { status: 'missing' | 'forged' | 'other_form' | 'expired' };

export interface SpamSignals {
  honeypotValue: unknown;
  /** When the visitor opened the form, as the page reported it (epoch ms or ISO 8601). */
  formStartedAt: unknown;
  startToken: StartTokenReading;
  requireStartToken: boolean;
  receivedAt: Date;
  minFillSeconds: number;
}

/**
 * When the visitor opened the form: the start token's time when it holds one, else what the
 * page said (only when no token was sent: a bad token is no licence to pick a time).
 */
export function startedAtOf(
  signals: Pick<SpamSignals, 'formStartedAt' | 'startToken'>,
): Date | null {
  if (signals.startToken.status === 'valid') return signals.startToken.startedAt;
  if (signals.startToken.status === 'missing' || signals.startToken.status === 'expired') {
    return parseInstant(signals.formStartedAt);
  }
  return null;
}

/**
 * Spam or not, from the honeypot, the start token and the fill time. A forged token, or one
 * for another form, is a bot's; a missing or expired one only where the form requires one. An
 * unreadable page-reported start time, or one in the future (a visitor's clock ahead of ours),
 * is no evidence of a bot, so it never marks spam.
 */
export function judgeSpam(signals: SpamSignals): SpamReason | null {
  if (isFilled(signals.honeypotValue)) return 'honeypot';
  const token = signals.startToken.status;
  if (token === 'forged' || token === 'other_form') return 'start_token';
  if ((token === 'missing' || token === 'expired') && signals.requireStartToken) {
    return 'start_token';
  }
  const startedAt = startedAtOf(signals);
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

// ISO 8601 with a zone: without one it would be read in the server's zone, not the visitor's.
const ISO_WITH_ZONE = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i;

/** Epoch seconds or milliseconds (number or digits), or ISO 8601 with a zone; else null. */
export function parseInstant(value: unknown): Date | null {
  const v = Array.isArray(value) ? value[value.length - 1] : value;
  let epoch: number;
  if (typeof v === 'number') epoch = v;
  else if (typeof v === 'string' && /^\d{10,13}$/.test(v.trim())) epoch = Number(v.trim());
  else if (typeof v === 'string' && ISO_WITH_ZONE.test(v.trim())) epoch = Date.parse(v.trim());
  else return null;
  // Ten digits is seconds; a millisecond value that small would be 1970.
  if (Number.isFinite(epoch) && Math.abs(epoch) < 1e11) epoch *= 1000;
  const date = new Date(epoch);
  return Number.isNaN(date.getTime()) ? null : date;
}
