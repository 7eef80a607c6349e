/** How a failing delivery is retried: exponential backoff, for up to a day. */
export interface WebhookRetryPolicy {
  /** The wait after the first failure; it doubles after each one. */
  firstRetryMs: number;
  /** The longest wait between two attempts. */
  maxRetryMs: number;
  /** A delivery still failing this long after its first attempt is given up. */
  giveUpAfterMs: number;
}

/** When to try again after `attempts` failed attempts, or null to give up. */
export function nextAttemptAt(
  attempts: number,
  firstAttemptAt: Date,
  now: Date,
  policy: WebhookRetryPolicy,
): Date | null {
  const elapsed = now.getTime() - firstAttemptAt.getTime();
  if (elapsed >= policy.giveUpAfterMs) return null;
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const wait = Math.min(policy.firstRetryMs * 2 ** exponent, policy.maxRetryMs);
  // The last try lands at the end of the window rather than after it.
  const last = firstAttemptAt.getTime() + policy.giveUpAfterMs;
  return new Date(Math.min(now.getTime() + wait, last));
}

/** A response that counts as delivered. */
export function isDelivered(status: number): boolean {
  return status >= 200 && status < 300;
}
