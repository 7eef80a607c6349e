import { Inject, Injectable } from '@nestjs/common';
import { Clock, IdGenerator } from '@intake/platform';
import {
  CsrfRequiredError,
  SessionExpiredError,
  UnauthenticatedError,
} from '../../domain/access-errors';
import { Actor } from '../../domain/actor';
import {
  isUnsafeMethod,
  newSessionTimes,
  randomSecret,
  secretHash,
  secretsMatch,
  sessionExpired,
  SessionPolicy,
  touchedSession,
} from '../../domain/session';
import {
  AuthSessionRepository,
  AuthSessionWithStaff,
} from '../../infrastructure/auth-session.repository';

export const SESSION_POLICY = Symbol('SESSION_POLICY');

/** What the console learns about its session (`GET /auth/session`). */
export interface SessionView {
  staff: AuthSessionWithStaff['staff'];
  csrfToken: string;
  expiresAt: Date;
}

/**
 * The console's server-side sessions: opened after a sign-in, checked on every request that
 * carries the cookie (idle expiry slides, the absolute one does not; unsafe methods need the CSRF
 * token), and ended by signing out.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: AuthSessionRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    @Inject(SESSION_POLICY) private readonly policy: SessionPolicy,
  ) {}

  /** A new session for a staff member; the token goes into the cookie and is never stored. */
  async open(staffId: string): Promise<{ token: string }> {
    const token = randomSecret();
    await this.sessions.insert({
      id: this.ids.next(),
      tokenHash: secretHash(token),
      staffId,
      csrfToken: randomSecret(),
      ...newSessionTimes(this.clock.now(), this.policy),
    });
    return { token };
  }

  /**
   * The staff member behind a session cookie, as the actor of this request. `csrfToken` is the
   * request's `X-CSRF-Token`, required when the method changes something.
   */
  async authenticate(
    token: string,
    request: { method: string; csrfToken: string | undefined },
  ): Promise<Actor> {
    const session = await this.live(token);
    if (isUnsafeMethod(request.method) && !secretsMatch(session.csrfToken, request.csrfToken)) {
      throw new CsrfRequiredError();
    }
    return new Actor(session.staff.id, session.staff.role, 'session');
  }

  async view(token: string): Promise<SessionView> {
    const session = await this.live(token);
    return { staff: session.staff, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  }

  /** Signs out: the session is deleted. Needs the CSRF token, like any change. */
  async end(token: string, csrfToken: string | undefined): Promise<void> {
    const session = await this.live(token);
    if (!secretsMatch(session.csrfToken, csrfToken)) throw new CsrfRequiredError();
    await this.sessions.delete(session.id);
  }

  /** The session, checked and touched (its idle expiry moved on); else the 401 that fits. */
  private async live(token: string): Promise<AuthSessionWithStaff> {
    const session = await this.sessions.findByTokenHash(secretHash(token));
    if (!session) throw new UnauthenticatedError('The session is not valid; sign in.');
    const now = this.clock.now();
    if (sessionExpired(session, now)) throw new SessionExpiredError();
    if (!session.staff.active) {
      await this.sessions.delete(session.id);
      throw new UnauthenticatedError('The staff member is deactivated.');
    }
    const touched = touchedSession(session, now, this.policy);
    if (touched) {
      await this.sessions.touch(session.id, touched);
      return { ...session, ...touched };
    }
    return session;
  }
}
