import { Injectable } from '@nestjs/common';
import { Clock, PeriodicJob } from '@intake/platform';
import { AuthSessionRepository } from './auth-session.repository';

/** Ended sessions are kept this long, so a late request hears `AUTH.SESSION_EXPIRED`. */
export const ENDED_SESSION_KEPT_MS = 24 * 3_600_000;

/** Deletes ended sessions and unfinished sign-ins, in the worker's housekeeping. */
@Injectable()
export class SessionPruner extends PeriodicJob {
  constructor(
    private readonly sessions: AuthSessionRepository,
    private readonly clock: Clock,
  ) {
    super('SessionPruner', { intervalMs: 15 * 60_000, autoStart: true });
  }

  runOnce(): Promise<{ sessions: number; logins: number }> {
    return this.prune();
  }

  prune(): Promise<{ sessions: number; logins: number }> {
    const now = this.clock.now();
    return this.sessions.pruneExpired(new Date(now.getTime() - ENDED_SESSION_KEPT_MS), now);
  }
}
