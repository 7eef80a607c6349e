import { ConfigError, DatabaseConfig, loadConfig } from '../config';
import { postgresConnection } from './postgres-connection';

const URL = 'postgres://intake:pw@db.internal:5432/intake';
// Any readable file does: the contents are only handed to TLS.
const CA = __filename;

function connect(env: Record<string, string>) {
  return postgresConnection(loadConfig(DatabaseConfig, env));
}

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(DatabaseConfig, env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
}

describe('postgresConnection: sslmode with libpq meaning', () => {
  it('is plain TCP when nothing asks for TLS, and leaves the URL alone', () => {
    expect(connect({ DATABASE_URL: URL })).toEqual({ connectionString: URL, ssl: false });
  });

  it("takes sslmode out of the URL, so node-postgres' own reading of it never applies", () => {
    const { connectionString, ssl } = connect({
      DATABASE_URL: `${URL}?sslmode=require&application_name=x&uselibpqcompat=true`,
    });
    expect(connectionString).toBe(`${URL}?application_name=x`);
    // require: encrypted, the certificate not checked (libpq; node-postgres alone would verify).
    expect(ssl).toEqual({ rejectUnauthorized: false });
  });

  it('verify-ca: the CA file is read, and any host name passes', () => {
    const ssl = connect({
      DATABASE_URL: URL,
      DATABASE_SSL_MODE: 'verify-ca',
      DATABASE_SSL_CA_FILE: CA,
    }).ssl;
    expect(ssl && ssl.ca).toContain('postgresConnection');
    expect(ssl && ssl.rejectUnauthorized).not.toBe(false);
    expect(ssl && ssl.checkServerIdentity?.('elsewhere', {} as never)).toBeUndefined();
  });

  it('require with a CA verifies against it, as libpq does with a root certificate', () => {
    const ssl = connect({ DATABASE_URL: `${URL}?sslmode=require&sslrootcert=${CA}` }).ssl;
    expect(ssl && ssl.ca).toContain('postgresConnection');
    expect(ssl && ssl.rejectUnauthorized).not.toBe(false);
  });

  it("verify-full checks the host name, against the system's CAs when no CA file is given", () => {
    expect(connect({ DATABASE_URL: URL, DATABASE_SSL_MODE: 'verify-full' }).ssl).toEqual({
      ca: undefined,
    });
  });

  it('refuses verify-ca without a CA, a CA with TLS off, and modes that fall back to plain', () => {
    expect(problems({ DATABASE_URL: `${URL}?sslmode=verify-ca` })).toEqual([
      'DATABASE_SSL_CA_FILE is missing: required by sslmode verify-ca',
    ]);
    expect(problems({ DATABASE_URL: URL, DATABASE_SSL_CA_FILE: CA })).toEqual([
      'DATABASE_SSL_CA_FILE is set but sslmode is disable',
    ]);
    expect(problems({ DATABASE_URL: `${URL}?sslmode=prefer` })[0]).toMatch(
      /^DATABASE_URL is invalid: sslmode must be one of disable, require, verify-ca, verify-full/,
    );
    expect(problems({ DATABASE_URL: URL, DATABASE_SSL_MODE: 'prefer' as string })[0]).toMatch(
      /^DATABASE_SSL_MODE is invalid/,
    );
  });

  it('refuses a URL and variables that disagree, client certificates, and a missing CA file', () => {
    expect(
      problems({ DATABASE_URL: `${URL}?sslmode=require`, DATABASE_SSL_MODE: 'verify-full' }),
    ).toEqual(["DATABASE_SSL_MODE is invalid: DATABASE_URL's sslmode says otherwise"]);
    expect(problems({ DATABASE_URL: `${URL}?sslmode=require&sslcert=/c.pem` })).toEqual([
      'DATABASE_URL is invalid: its sslcert parameter is not supported (use sslmode and DATABASE_SSL_CA_FILE)',
    ]);
    expect(
      problems({
        DATABASE_URL: URL,
        DATABASE_SSL_MODE: 'verify-full',
        DATABASE_SSL_CA_FILE: '/nonexistent/ca.pem',
      }),
    ).toEqual(['DATABASE_SSL_CA_FILE is invalid: no readable file at that path']);
  });
});
