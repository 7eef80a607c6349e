import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';

/**
 * libpq's `sslmode` values that mean one thing: `prefer` and `allow` fall back to plain text,
 * which node-postgres cannot do, so they are refused rather than quietly made stricter.
 */
export const POSTGRES_SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
export type PostgresSslMode = (typeof POSTGRES_SSL_MODES)[number];

/** The variables that say how to reach Postgres (DatabaseConfig's). */
export interface PostgresSettings {
  DATABASE_URL: string;
  DATABASE_SSL_MODE?: PostgresSslMode;
  DATABASE_SSL_CA_FILE?: string;
}

/** The TLS options Intake sets (TypeORM's `ssl` type has no room for more). */
export type PostgresTlsOptions = Pick<
  ConnectionOptions,
  'ca' | 'rejectUnauthorized' | 'checkServerIdentity'
>;

/** What every pg client and TypeORM data source of Intake connects with. */
export interface PostgresConnection {
  /** DATABASE_URL without its TLS parameters: `ssl` says it all, with libpq's meaning. */
  connectionString: string;
  ssl: false | PostgresTlsOptions;
}

interface PostgresTls {
  mode: PostgresSslMode;
  caFile?: string;
  problems: string[];
}

/**
 * Parameters node-postgres would read from the URL with meanings of its own (`sslmode=require`
 * checks the host name there, unlike libpq): they are taken out, and `ssl` passed instead.
 */
const URL_TLS_PARAMS = ['sslmode', 'sslrootcert', 'uselibpqcompat'];
const UNSUPPORTED_URL_PARAMS = ['ssl', 'sslcert', 'sslkey', 'sslpassword'];

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isMode(value: string): value is PostgresSslMode {
  return (POSTGRES_SSL_MODES as readonly string[]).includes(value);
}

/**
 * The TLS mode and CA, from DATABASE_SSL_MODE / DATABASE_SSL_CA_FILE or the URL's `sslmode` /
 * `sslrootcert` (both may be given if they agree); no mode anywhere: `disable`. The problems
 * name variables, never their values.
 */
export function postgresTls(settings: PostgresSettings): PostgresTls {
  const params = parseUrl(settings.DATABASE_URL)?.searchParams;
  const problems: string[] = [];
  const urlMode = params?.get('sslmode') ?? undefined;
  const urlCa = params?.get('sslrootcert') ?? undefined;
  if (urlMode !== undefined && !isMode(urlMode)) {
    problems.push(
      `DATABASE_URL is invalid: sslmode must be one of ${POSTGRES_SSL_MODES.join(', ')} ` +
        '(prefer and allow fall back to plain text, which is not supported)',
    );
  }
  for (const name of UNSUPPORTED_URL_PARAMS.filter((param) => params?.has(param))) {
    problems.push(
      `DATABASE_URL is invalid: its ${name} parameter is not supported (use sslmode and DATABASE_SSL_CA_FILE)`,
    );
  }
  if (settings.DATABASE_SSL_MODE && urlMode && settings.DATABASE_SSL_MODE !== urlMode) {
    problems.push("DATABASE_SSL_MODE is invalid: DATABASE_URL's sslmode says otherwise");
  }
  if (settings.DATABASE_SSL_CA_FILE && urlCa && settings.DATABASE_SSL_CA_FILE !== urlCa) {
    problems.push("DATABASE_SSL_CA_FILE is invalid: DATABASE_URL's sslrootcert says otherwise");
  }
  const mode = settings.DATABASE_SSL_MODE ?? (urlMode && isMode(urlMode) ? urlMode : 'disable');
  const caFile = settings.DATABASE_SSL_CA_FILE ?? urlCa;
  if (mode === 'verify-ca' && !caFile) {
    // Any certificate from a public CA would pass: whoever can get one could pose as the server.
    problems.push('DATABASE_SSL_CA_FILE is missing: required by sslmode verify-ca');
  }
  if (mode === 'disable' && caFile) {
    problems.push('DATABASE_SSL_CA_FILE is set but sslmode is disable');
  }
  return { mode, caFile, problems };
}

/**
 * The connection DatabaseConfig describes, with libpq's meaning of `sslmode` (what `psql` and
 * PostgreSQL's documentation mean):
 * - `disable`: plain TCP (also when nothing is set; PGSSLMODE is not read);
 * - `require`: encrypted, the certificate not checked, unless a CA file is given, which makes it
 *   `verify-ca` (as libpq does with a root certificate);
 * - `verify-ca`: encrypted, the certificate signed by the CA file, any host name;
 * - `verify-full`: encrypted, signed by the CA file (or a system CA without one), and naming the
 *   host connected to.
 * The CA file is read now, at start-up.
 */
export function postgresConnection(settings: PostgresSettings): PostgresConnection {
  const { mode, caFile } = postgresTls(settings);
  const url = parseUrl(settings.DATABASE_URL);
  let connectionString = settings.DATABASE_URL;
  if (url && URL_TLS_PARAMS.some((param) => url.searchParams.has(param))) {
    for (const param of URL_TLS_PARAMS) url.searchParams.delete(param);
    connectionString = url.toString();
  }
  const ca = caFile ? readFileSync(caFile, 'utf8') : undefined;
  const anyHost = () => undefined;
  const ssl: Record<PostgresSslMode, false | PostgresTlsOptions> = {
    disable: false,
    require: ca ? { ca, checkServerIdentity: anyHost } : { rejectUnauthorized: false },
    'verify-ca': { ca, checkServerIdentity: anyHost },
    'verify-full': { ca },
  };
  return { connectionString, ssl: ssl[mode] };
}
