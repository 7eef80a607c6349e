import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Clock, TransactionRunner } from '@intake/platform';
import {
  NotSetUpError,
  SignInFailedError,
  SignInNotConfiguredError,
} from '../../domain/access-errors';
import { randomSecret, safeReturnTo, secretHash, secretsMatch } from '../../domain/session';
import { StaffMember } from '../../domain/staff';
import { AuthSessionRepository } from '../../infrastructure/auth-session.repository';
import { OidcSignInClient, SignedInPerson } from '../../infrastructure/oidc/oidc-sign-in.client';
import { StaffRepository } from '../../infrastructure/staff.repository';
import { SessionsService } from '../sessions/sessions.service';

/** How long a person has at the provider before the sign-in they started is forgotten. */
export const PENDING_LOGIN_TTL_MS = 10 * 60_000;

/**
 * Console sign-in through the clinic's OpenID Provider (authorization code + PKCE): `start`
 * sends the browser there, `finish` takes it back, finds the staff member and opens a session.
 */
@Injectable()
export class SignInService {
  private readonly logger = new Logger(SignInService.name);

  constructor(
    // Explicit token: a `T | null` parameter carries no type metadata for Nest to inject by.
    @Optional() @Inject(OidcSignInClient) private readonly client: OidcSignInClient | null,
    private readonly sessions: SessionsService,
    private readonly repository: AuthSessionRepository,
    private readonly staff: StaffRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * Where to send the browser, and the secret it keeps in its `intake_login` cookie (its own,
   * when it has one: several tabs may sign in at once), so the callback must come back to it.
   */
  async start(input: {
    returnTo: unknown;
    browserSecret: string | null;
    prompt?: 'login';
  }): Promise<{ redirectTo: string; browserSecret: string }> {
    const client = this.requireClient();
    const browserSecret = input.browserSecret ?? randomSecret();
    const request = await client.authorizationRequest({ prompt: input.prompt });
    const now = this.clock.now();
    await this.repository.insertPendingLogin({
      stateHash: secretHash(request.state),
      browserHash: secretHash(browserSecret),
      nonce: request.nonce,
      codeVerifier: request.codeVerifier,
      returnTo: safeReturnTo(input.returnTo),
      createdAt: now,
      expiresAt: new Date(now.getTime() + PENDING_LOGIN_TTL_MS),
    });
    return { redirectTo: request.url, browserSecret };
  }

  /**
   * The callback: the pending sign-in its `state` names (once only, from the browser that
   * started it), the code exchanged and the ID token validated, the person matched to a staff
   * member, and a session opened. `callbackUrl` is the registered redirect URI with the query
   * the provider sent.
   */
  async finish(input: {
    callbackUrl: URL;
    browserSecret: string | null;
  }): Promise<{ sessionToken: string; returnTo: string }> {
    const client = this.requireClient();
    const state = input.callbackUrl.searchParams.get('state');
    if (!state) throw new SignInFailedError();
    const pending = await this.repository.takePendingLogin(secretHash(state));
    if (
      !pending ||
      pending.expiresAt.getTime() <= this.clock.now().getTime() ||
      !secretsMatch(pending.browserHash, input.browserSecret && secretHash(input.browserSecret))
    ) {
      throw new SignInFailedError('This sign-in link is old, used, or from another browser.');
    }
    if (input.callbackUrl.searchParams.has('error')) {
      // The provider refused or the person cancelled; its words are not repeated to the page.
      throw new SignInFailedError('The identity provider did not sign you in.');
    }
    const person = await client.finish(input.callbackUrl, { ...pending, state });
    const member = await this.tx.run(() => this.match(person));
    const { token } = await this.sessions.open(member.id);
    this.logger.log({ staffId: member.id }, 'signed in');
    return { sessionToken: token, returnTo: pending.returnTo };
  }

  async endSessionUrl(): Promise<string | null> {
    return this.client ? this.client.endSessionUrl() : null;
  }

  /**
   * By the provider's subject; else by the verified email, when exactly one active member has
   * it and no other subject is linked to them yet (then this subject is recorded on them).
   */
  private async match(person: SignedInPerson): Promise<StaffMember> {
    const oidc = { issuer: person.issuer, subject: person.subject };
    const known = await this.staff.findByOidcSubject(oidc.issuer, oidc.subject);
    if (known) {
      if (!known.active) throw new NotSetUpError();
      return known;
    }
    if (!person.verifiedEmail) throw new NotSetUpError();
    const active = (await this.staff.findByEmail(person.verifiedEmail)).filter((m) => m.active);
    const [member] = active;
    if (active.length !== 1 || !member || member.linked) throw new NotSetUpError();
    if (!(await this.staff.linkOidcSubject(member.id, oidc))) throw new NotSetUpError();
    const { linked: _linked, ...staffMember } = member;
    return staffMember;
  }

  private requireClient(): OidcSignInClient {
    if (!this.client) throw new SignInNotConfiguredError();
    return this.client;
  }
}
