import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock, PeriodicTask } from '@intake/platform';
import { AuthSessionRepository } from './auth-session.repository';

/** Ended sessions are kept this long, so a late request hears `AUTH.SESSION_EXPIRED`. */
export const ENDED_SESSION_KEPT_MS = 24 * 3_600_000;

/** Deletes ended sessions and unfinished sign-ins, in the worker's housekeeping. */
@Injectable()
export class SessionPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask('SessionPruner', 15 * 60_000, async () => {
    await this.prune();
  });

  constructor(
    private readonly sessions: AuthSessionRepository,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  prune(): Promise<{ sessions: number; logins: number }> {
    const now = this.clock.now();
    return this.sessions.pruneExpired(new Date(now.getTime() - ENDED_SESSION_KEPT_MS), now);
  }
}
