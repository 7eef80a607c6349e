import { DataSource } from 'typeorm';
import { withTimeout } from '../time/with-timeout';

export const CHECK_STATES = ['up', 'down'] as const;
export type Check = (typeof CHECK_STATES)[number];

/** A readiness probe must answer within its probe's timeout even when the database hangs. */
const CHECK_TIMEOUT_MS = 2_000;

/**
 * Whether PostgreSQL answers a query now, within 2 s (a stuck database or a pool exhausted by
 * waits counts as down): what the services' readiness checks rest on.
 */
export async function checkDatabase(dataSource: DataSource): Promise<Check> {
  try {
    await withTimeout(dataSource.query('SELECT 1'), CHECK_TIMEOUT_MS);
    return 'up';
  } catch {
    return 'down';
  }
}

/** SQLSTATEs of a wait that ran out: lock_not_available (lock_timeout), query_canceled. */
const TIMED_OUT = new Set(['55P03', '57014']);

/**
 * Whether an error is the database being too busy to answer in time: a lock or statement
 * timeout, or no pool connection came free (pg-pool says so only in its message).
 */
export function isDatabaseBusy(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (typeof code === 'string' && TIMED_OUT.has(code)) ||
    message === 'timeout exceeded when trying to connect'
  );
}
