import {
  concat,
  endWith,
  filter,
  ignoreElements,
  interval,
  map,
  merge,
  Observable,
  of,
  share,
  skipWhile,
  switchMap,
  take,
  takeUntil,
} from 'rxjs';
import { concerns, LeadChange } from './lead-change';

/** What one person's stream carries, before it is written as server-sent events. */
export type QueueStreamEvent =
  { type: 'ready' } | { type: 'lead'; change: LeadChange } | { type: 'heartbeat' };

const READY: QueueStreamEvent = { type: 'ready' };
const HEARTBEAT: QueueStreamEvent = { type: 'heartbeat' };

/**
 * One person's live queue: `ready` once the instance is LISTENing (every change committed after
 * it reaches this stream, so a client that refetches on `ready` misses nothing), then each change
 * to a lead or follow-up that is or was theirs, and a heartbeat every `heartbeatMs` meanwhile.
 *
 * Notifications sent while the listener is away are lost, so the stream ends when the listener
 * loses its connection: the client reconnects, gets `ready` once the listener is back, and
 * refetches. It also ends when `listening` or `changes` complete (the instance shuts down).
 */
export function queueStream(
  staffId: string,
  listening: Observable<boolean>,
  changes: Observable<LeadChange>,
  heartbeatMs: number,
): Observable<QueueStreamEvent> {
  const lost = listening.pipe(
    skipWhile((up) => !up),
    filter((up) => !up),
  );
  const live = listening.pipe(
    filter((up) => up),
    take(1),
    switchMap(() =>
      concat(
        of(READY),
        changes.pipe(
          filter((change) => concerns(change, staffId)),
          map((change): QueueStreamEvent => ({ type: 'lead', change })),
        ),
      ),
    ),
    takeUntil(lost),
    share(),
  );
  const heartbeats = interval(heartbeatMs).pipe(
    map(() => HEARTBEAT),
    takeUntil(live.pipe(ignoreElements(), endWith(null))),
  );
  return merge(live, heartbeats);
}
