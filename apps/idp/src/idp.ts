import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { Provider, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { DEMO_ACCOUNTS, DemoAccount } from './demo-accounts';
import { IdpConfig } from './idp.config';
import { loginPage, messagePage } from './login-page';

const SCOPE = 'openid email profile';
const MAX_FORM_BYTES = 8 * 1024;

export interface RunningIdp {
  issuer: string;
  port: number;
  close(): Promise<void>;
}

/**
 * A real OpenID Provider for development and tests, on the certified `oidc-provider`: discovery,
 * authorization code with PKCE (required), ID tokens signed with a key made at start, userinfo,
 * end session. Its people are the demo accounts, all with one password.
 */
export async function startIdp(
  config: IdpConfig,
  options: { issuerHost?: string; accounts?: readonly DemoAccount[] } = {},
): Promise<RunningIdp> {
  const accounts = options.accounts ?? DEMO_ACCOUNTS;
  const server = createServer();
  // The issuer may name the port, known only once listening: a request that arrives before the
  // provider is made waits for it rather than going unanswered.
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const early: Array<[IncomingMessage, ServerResponse]> = [];
  server.on('request', (req: IncomingMessage, res: ServerResponse) =>
    handle ? handle(req, res) : early.push([req, res]),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.IDP_PORT, config.IDP_HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = config.IDP_ISSUER || `http://${options.issuerHost ?? 'localhost'}:${port}`;
  const provider = new Provider(issuer, await providerConfiguration(config, accounts));
  const callback = provider.callback();
  handle = (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) {
      interaction(provider, config, accounts, req, res).catch((error: unknown) => {
        const expired = error instanceof Error && error.name === 'SessionNotFound';
        send(
          res,
          expired ? 400 : 500,
          messagePage(
            expired ? 'This sign-in has expired' : 'Something went wrong',
            expired
              ? 'Go back to Intake and sign in again.'
              : 'The identity provider could not finish this sign-in. Go back to Intake and try again.',
          ),
        );
      });
      return;
    }
    void callback(req, res);
  };
  for (const [req, res] of early.splice(0)) handle(req, res);
  return {
    issuer,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function providerConfiguration(
  config: IdpConfig,
  accounts: readonly DemoAccount[],
): Promise<Configuration> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = {
    ...(await exportJWK(privateKey)),
    kid: randomUUID(),
    use: 'sig',
    alg: 'RS256',
  };
  return {
    clients: [
      {
        client_id: config.IDP_CLIENT_ID,
        client_secret: config.IDP_CLIENT_SECRET,
        redirect_uris: config.redirectUris(),
        post_logout_redirect_uris: config.postLogoutRedirectUris(),
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey as never] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx: KoaContextWithOIDC, id: string) => {
      const account = accounts.find((a) => a.sub === id);
      if (!account) return undefined;
      return {
        accountId: account.sub,
        claims: () => ({
          sub: account.sub,
          email: account.email,
          email_verified: true,
          name: account.name,
        }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = messagePage('Signed out', 'You are signed out of the identity provider.');
        },
      },
    },
    // The console is the provider's own first-party client: no consent screen.
    loadExistingGrant: async (ctx) => {
      const grantId =
        ctx.oidc.result?.consent?.grantId ??
        ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope(SCOPE);
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = messagePage('Sign-in error', `${out.error}: ${out.error_description ?? ''}`);
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
  };
}

/** The login step of an interaction: the form, and its post. */
async function interaction(
  provider: Provider,
  config: IdpConfig,
  accounts: readonly DemoAccount[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const path = new URL(req.url ?? '/', 'http://idp.invalid').pathname;
  const page = (status: number, extra: { email?: string; error?: string } = {}) =>
    send(
      res,
      status,
      loginPage({ uid: details.uid, accounts, password: config.IDP_DEMO_PASSWORD, ...extra }),
    );
  if (details.prompt.name !== 'login') {
    // Consent is granted for the first-party client (loadExistingGrant); nothing to ask.
    await provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
    return;
  }
  if (req.method === 'GET' && path === `/interaction/${details.uid}`) return page(200);
  if (req.method !== 'POST' || path !== `/interaction/${details.uid}/login`) {
    return send(res, 404, messagePage('Not found', 'There is nothing here.'));
  }
  const form = new URLSearchParams(await readBody(req));
  const email = (form.get('email') ?? '').trim().toLowerCase();
  const account = accounts.find((a) => a.email === email);
  const passwordOk = sameSecret(form.get('password') ?? '', config.IDP_DEMO_PASSWORD);
  if (!account || !passwordOk) {
    return page(401, { email, error: 'That email and password do not match a demo account.' });
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: account.sub } },
    { mergeWithLastSubmission: false },
  );
}

function logoutPage(form: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign out</title></head>
<body><main><h1>Sign out of the identity provider?</h1>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button></main></body></html>`;
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        reject(new Error('form too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(html);
}
