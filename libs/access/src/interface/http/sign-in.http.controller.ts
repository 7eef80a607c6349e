import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { DomainError } from '@intake/kernel';
import { ApiErrorResponses, Public, statusForKind } from '@intake/platform';
import type { Request, Response } from 'express';
import { SessionsService } from '../../application/sessions/sessions.service';
import { PENDING_LOGIN_TTL_MS, SignInService } from '../../application/sign-in/sign-in.service';
import { SIGN_IN_SITE, SignInSite } from '../../application/sign-in/sign-in-site';
import { UnauthenticatedError } from '../../domain/access-errors';
import {
  cookieOf,
  csrfHeaderOf,
  LOGIN_COOKIE,
  loginCookieOptions,
  SESSION_COOKIE,
  sessionCookieOptions,
} from './session-cookie';
import { LogoutResponse, SessionResponse } from './sign-in.dto';
import { notSetUpPage, signInProblemPage } from './sign-in.pages';

/**
 * The console's backend-for-frontend sign-in. Public to the guard: each route reads the session
 * cookie itself. Login and callback are browser navigations, so they answer with redirects and
 * pages; session and logout are the console's JSON calls.
 */
@ApiTags('sign-in')
@Public()
@Controller('auth')
export class SignInHttpController {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: SessionsService,
    @Inject(SIGN_IN_SITE) private readonly site: SignInSite,
  ) {}

  @Get('login')
  @ApiOperation({
    operationId: 'signIn',
    summary: 'Start signing in at the OpenID Provider',
    description:
      'Redirects the browser to the provider (authorization code with PKCE S256, `state`, `nonce`, scope `openid email profile`). After signing in there, the browser comes back to `/auth/callback` and then goes to `returnTo`.',
  })
  @ApiQuery({
    name: 'returnTo',
    required: false,
    description:
      'A path on this origin to land on afterwards (default `/console/`); anything else is replaced by the default.',
  })
  @ApiQuery({
    name: 'prompt',
    required: false,
    enum: ['login'],
    description: 'Ask the provider for a fresh sign-in (to sign in as someone else).',
  })
  @ApiResponse({ status: 302, description: "To the provider's authorization endpoint." })
  @ApiProduces('text/html')
  @ApiResponse({ status: 404, description: '`AUTH.SIGN_IN_NOT_CONFIGURED` (a page).' })
  @ApiResponse({ status: 503, description: '`AUTH.PROVIDER_UNAVAILABLE` (a page).' })
  async login(
    @Query('returnTo') returnTo: unknown,
    @Query('prompt') prompt: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    noStore(response);
    try {
      const started = await this.signIn.start({
        returnTo,
        browserSecret: cookieOf(request, LOGIN_COOKIE),
        ...(prompt === 'login' ? { prompt: 'login' as const } : {}),
      });
      response.cookie(
        LOGIN_COOKIE,
        started.browserSecret,
        loginCookieOptions(this.site.isLocal(), PENDING_LOGIN_TTL_MS),
      );
      response.redirect(302, started.redirectTo);
    } catch (error) {
      this.page(error, request, response);
    }
  }

  @Get('callback')
  @ApiOperation({
    operationId: 'signInCallback',
    summary: 'Where the provider sends the browser back',
    description:
      'Exchanges the code, validates the ID token and matches the person to an active staff member by (issuer, subject), else by verified email (then records the subject). Sets the `intake_session` cookie and redirects to `returnTo`. Someone unknown or deactivated gets a 403 page.',
  })
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'state', required: false })
  @ApiResponse({
    status: 302,
    description: 'Signed in: `Set-Cookie: intake_session=…`, to `returnTo`.',
  })
  @ApiProduces('text/html')
  @ApiResponse({ status: 400, description: '`AUTH.SIGN_IN_FAILED` (a page).' })
  @ApiResponse({ status: 403, description: '`AUTH.NOT_SET_UP` (a page).' })
  @ApiResponse({ status: 404, description: '`AUTH.SIGN_IN_NOT_CONFIGURED` (a page).' })
  @ApiResponse({ status: 503, description: '`AUTH.PROVIDER_UNAVAILABLE` (a page).' })
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    noStore(response);
    // The registered redirect URI, with the provider's query: never the request's Host header.
    const callbackUrl = new URL(this.site.redirectUri());
    const query = request.originalUrl.indexOf('?');
    callbackUrl.search = query >= 0 ? request.originalUrl.slice(query) : '';
    try {
      const { sessionToken, returnTo } = await this.signIn.finish({
        callbackUrl,
        browserSecret: cookieOf(request, LOGIN_COOKIE),
      });
      response.cookie(SESSION_COOKIE, sessionToken, sessionCookieOptions(this.site.isLocal()));
      response.redirect(302, returnTo);
    } catch (error) {
      this.page(error, request, response);
    }
  }

  @Get('session')
  @ApiCookieAuth('session')
  @ApiOperation({
    operationId: 'getSession',
    summary: 'Who is signed in, and the CSRF token for changes',
  })
  @ApiOkResponse({ type: SessionResponse })
  @ApiErrorResponses({
    status: 401,
    description: '`AUTH.UNAUTHENTICATED` (no or unknown session) or `AUTH.SESSION_EXPIRED`.',
  })
  async session(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionResponse> {
    noStore(response);
    return SessionResponse.from(await this.sessions.view(this.tokenOf(request)));
  }

  @Post('logout')
  @HttpCode(200)
  @ApiCookieAuth('session')
  @ApiHeader({ name: 'X-CSRF-Token', required: true, description: 'From `GET /auth/session`.' })
  @ApiOperation({
    operationId: 'signOut',
    summary: 'Sign out: ends the session and clears the cookie',
  })
  @ApiOkResponse({ type: LogoutResponse })
  @ApiErrorResponses(
    {
      status: 401,
      description: '`AUTH.UNAUTHENTICATED` (no or unknown session) or `AUTH.SESSION_EXPIRED`.',
    },
    { status: 403, description: '`AUTH.CSRF_REQUIRED`: no or a wrong `X-CSRF-Token`.' },
  )
  async logout(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LogoutResponse> {
    noStore(response);
    const token = this.tokenOf(request);
    try {
      await this.sessions.end(token, csrfHeaderOf(request));
    } catch (error) {
      // A session that is gone or over needs no cookie either.
      if (error instanceof DomainError && error.kind === 'unauthenticated') this.clear(response);
      throw error;
    }
    this.clear(response);
    return { endSessionUrl: await this.signIn.endSessionUrl() };
  }

  private tokenOf(request: Request): string {
    const token = cookieOf(request, SESSION_COOKIE);
    if (!token) throw new UnauthenticatedError('Not signed in: no session cookie.');
    return token;
  }

  private clear(response: Response): void {
    const { maxAge: _maxAge, ...options } = sessionCookieOptions(this.site.isLocal());
    response.clearCookie(SESSION_COOKIE, options);
  }

  /** A navigation gets a page, never JSON: what happened and how to go on. */
  private page(error: unknown, request: Request & { id?: unknown }, response: Response): void {
    if (!(error instanceof DomainError)) throw error;
    const status = statusForKind(error.kind);
    const requestId = String(request.id ?? '');
    const html =
      error.code === 'AUTH.NOT_SET_UP'
        ? notSetUpPage(requestId)
        : signInProblemPage(status, error.code, error.message, requestId);
    response.status(status).type('html').send(html);
  }
}

function noStore(response: Response): void {
  response.setHeader('Cache-Control', 'no-store');
}
