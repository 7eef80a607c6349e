import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort, freePorts } from './harness';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');

export interface TlsKafka {
  /** SASL_SSL (SCRAM-SHA-512, user `intake`) and SSL that requires a client certificate. */
  saslBrokers: string;
  mtlsBrokers: string;
  caFile: string;
  clientCertFile: string;
  clientKeyFile: string;
  password: string;
  stop(): Promise<void>;
}

/**
 * A throwaway TLS-only broker of its own (docker/kafka/tls-broker.sh) on free ports, its
 * certificates and data in a temporary folder; the shared broker is never touched.
 */
export async function startTlsKafka(): Promise<TlsKafka> {
  const dir = mkdtempSync(join(tmpdir(), 'intake-kafka-tls-'));
  const [sasl, mtls, controller] = await freePorts(3);
  const env = {
    ...process.env,
    KAFKA_TLS_DIR: dir,
    KAFKA_TLS_SASL_PORT: String(sasl),
    KAFKA_TLS_MTLS_PORT: String(mtls),
    KAFKA_TLS_CONTROLLER_PORT: String(controller),
  };
  const script = join(ROOT, 'docker/kafka/tls-broker.sh');
  const stop = async () => {
    await run('bash', [script, 'stop'], { env }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await run('bash', [script, 'start'], { env, timeout: 120_000 });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    saslBrokers: `127.0.0.1:${sasl}`,
    mtlsBrokers: `127.0.0.1:${mtls}`,
    caFile: join(dir, 'ca.pem'),
    clientCertFile: join(dir, 'client.pem'),
    clientKeyFile: join(dir, 'client.key'),
    password: readFileSync(join(dir, 'intake.password'), 'utf8'),
    stop,
  };
}

export interface TlsPostgres {
  port: number;
  /** The CA that signed the server's certificate, which names 127.0.0.1 only. */
  caFile: string;
  /** A CA that signed nothing of this server's. */
  otherCaFile: string;
  /** `postgres://postgres@<host>:<port>/<database>?<query>`; it also listens on 127.0.0.2. */
  url(host?: string, query?: string, database?: string): string;
  stop(): Promise<void>;
}

/** The server's programs (initdb, pg_ctl): TEST_PG_BIN, else where pg_config says they are. */
async function pgBin(): Promise<string> {
  if (process.env.TEST_PG_BIN) return process.env.TEST_PG_BIN;
  const { stdout } = await run('pg_config', ['--bindir']).catch(() => ({
    stdout: '/usr/lib/postgresql/15/bin',
  }));
  return stdout.trim();
}

async function openssl(dir: string, args: string[]): Promise<void> {
  await run('openssl', args, { cwd: dir });
}

async function makeCa(dir: string, name: string): Promise<void> {
  await openssl(dir, [
    ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'],
    ...['-days', '2', '-subj', `/CN=${name}`, '-keyout', `${name}.key`, '-out', `${name}.pem`],
    ...['-addext', 'basicConstraints=critical,CA:TRUE'],
  ]);
}

/**
 * A throwaway PostgreSQL server with ssl=on (the machine's own has ssl off and stays so): initdb
 * into a temporary folder, a certificate for 127.0.0.1 signed by a CA of its own, trust
 * authentication for TLS connections only, on a free port of 127.0.0.1 and 127.0.0.2. As root
 * (PostgreSQL refuses to run as root) it runs as the `postgres` user.
 */
export async function startTlsPostgres(): Promise<TlsPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'intake-pg-tls-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const bin = await pgBin();
  const pg = (tool: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args])
      : run(join(bin, tool), args);
  const port = await freePort();
  let started = false;
  const stop = async () => {
    if (started) await pg('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await makeCa(dir, 'ca');
    await makeCa(dir, 'other-ca');
    await openssl(dir, [
      ...['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'],
      ...['-subj', '/CN=127.0.0.1', '-keyout', 'server.key', '-out', 'server.csr'],
    ]);
    writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\n');
    await openssl(dir, [
      ...['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key'],
      ...['-CAcreateserial', '-days', '2', '-extfile', 'server.ext', '-out', 'server.pem'],
    ]);
    chmodSync(join(dir, 'server.key'), 0o600);
    if (asRoot) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: group } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout), Number(group));
      chownSync(join(dir, 'server.key'), Number(stdout), Number(group));
    }
    await pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    writeFileSync(
      join(data, 'postgresql.auto.conf'),
      [
        `listen_addresses = '127.0.0.1,127.0.0.2'`,
        `port = ${port}`,
        `unix_socket_directories = '${dir}'`,
        'ssl = on',
        `ssl_cert_file = '${join(dir, 'server.pem')}'`,
        `ssl_key_file = '${join(dir, 'server.key')}'`,
        'fsync = off',
        'shared_buffers = 16MB',
        'max_connections = 20',
        '',
      ].join('\n'),
    );
    // TLS connections only: a plain one is refused, so a mode that forgets TLS cannot pass.
    writeFileSync(
      join(data, 'pg_hba.conf'),
      'local all all trust\nhostssl all all 127.0.0.0/8 trust\nhostnossl all all 0.0.0.0/0 reject\n',
    );
    await pg('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    started = true;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    caFile: join(dir, 'ca.pem'),
    otherCaFile: join(dir, 'other-ca.pem'),
    url: (host = '127.0.0.1', query = '', database = 'postgres') =>
      `postgres://postgres@${host}:${port}/${database}${query ? `?${query}` : ''}`,
    stop,
  };
}
