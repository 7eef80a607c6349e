import { col, table } from '@intake/platform';

/**
 * Access's tables that only its SQL reads and writes (migration ConsoleSessions): the column maps
 * of the typed SQL layer, checked against the database by test/schema.e2e-spec.ts. Staff, API
 * keys, the audit and sessions have entities.
 */

/**
 * A sign-in on its way through the identity provider: what the callback needs to finish it
 * (PKCE verifier, nonce, where to go after) and the browser it must come back to. Used once;
 * `idx_auth_pending_logins_expires_at` serves the pruner.
 */
export const pendingLogins = table('auth_pending_logins', {
  /** A hash of the `state` parameter. */
  stateHash: col.text('state_hash'),
  /** A hash of the browser's `intake_login` cookie: the callback must come from that browser. */
  browserHash: col.text('browser_hash'),
  nonce: col.text('nonce'),
  codeVerifier: col.text('code_verifier'),
  returnTo: col.text('return_to'),
  createdAt: col.timestamptz('created_at'),
  expiresAt: col.timestamptz('expires_at'),
});
