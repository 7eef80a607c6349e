import { isUUID } from 'class-validator';
import { isTimestamp } from '@intake/platform';
import { SchedulingInvalidError } from '../../domain/scheduling-errors';
import type { QueuePageRequest } from '../../application/get-queue/queue.query';
import type { QueueKey } from '../../application/get-queue/queue-item';

/**
 * An opaque queue cursor: the time the first page judged overdue at (so every page ranks the
 * same way) and the last row's sort key.
 */
export function encodeQueueCursor(now: Date, key: QueueKey): string {
  return Buffer.from(JSON.stringify({ n: now.toISOString(), k: key })).toString('base64url');
}

export function decodeQueueCursor(cursor: string): NonNullable<QueuePageRequest['after']> {
  const invalid = () =>
    new SchedulingInvalidError([{ field: 'cursor', message: 'is not a cursor this API gave out' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const { n, k } = (parsed ?? {}) as { n?: unknown; k?: unknown };
  if (
    !isTimestamp(n) ||
    !Array.isArray(k) ||
    k.length !== 4 ||
    typeof k[0] !== 'boolean' ||
    ![0, 1, 2].includes(k[1] as number) ||
    !isTimestamp(k[2]) ||
    !isUUID(k[3])
  ) {
    throw invalid();
  }
  return { now: new Date(n), key: k as QueueKey };
}
