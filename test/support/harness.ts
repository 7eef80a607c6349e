import 'reflect-metadata';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { request as httpRequest } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { Pool } from 'pg';
import type { DestinationStream } from 'pino';
import { ApiKeysService, cliAuditContext, Role, StaffService } from '@intake/access';
import { OutboxRelay } from '@intake/events';
import { FormRepository, FormSettings, SubmissionLimits } from '@intake/intake';
import { loadApiConfig } from '../../apps/api/src/api.config';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { loadWorkerConfig } from '../../apps/worker/src/worker.config';
import { DEMO_ACCOUNTS, type DemoAccount } from '../../apps/idp/src/demo-accounts';
import { loadIdpConfig } from '../../apps/idp/src/idp.config';
import { startIdp as startLocalIdp } from '../../apps/idp/src/idp';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { TEST_DATABASE_URL, testEnv } from './test-config';

/** The API as production builds it, on the test database. */
export async function startApi(
  env: Record<string, string> = {},
  logDestination?: DestinationStream,
  port = 0,
): Promise<INestApplication> {
  const app = await createApiApp(loadApiConfig(testEnv(env)), logDestination);
  await app.listen(port, '127.0.0.1');
  return app;
}

/** A port free right now on 127.0.0.1, for a service whose URL must be known before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Distinct ports free right now on 127.0.0.1. */
export async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

export interface TestIdp {
  issuer: string;
  /** What the api needs to sign staff in through this provider. */
  apiEnv: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The real local OpenID Provider (apps/idp) in this process on a free port, its console client
 * sending browsers back to `publicUrl` (the api's PUBLIC_URL). Its people are the demo accounts,
 * plus any `extraAccounts` (say, someone Intake does not know).
 */
export async function startIdp(
  publicUrl: string,
  extraAccounts: DemoAccount[] = [],
): Promise<TestIdp> {
  const config = loadIdpConfig({
    NODE_ENV: 'test',
    IDP_PORT: '0',
    IDP_HOST: '127.0.0.1',
    IDP_REDIRECT_URIS: `${publicUrl}/auth/callback`,
    IDP_POST_LOGOUT_REDIRECT_URIS: `${publicUrl}/console/`,
  });
  const idp = await startLocalIdp(config, {
    issuerHost: '127.0.0.1',
    accounts: [...DEMO_ACCOUNTS, ...extraAccounts],
  });
  return {
    issuer: idp.issuer,
    apiEnv: {
      PUBLIC_URL: publicUrl,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: config.IDP_CLIENT_ID,
      OIDC_CLIENT_SECRET: config.IDP_CLIENT_SECRET,
    },
    close: () => idp.close(),
  };
}

/**
 * The worker; tests start and stop its relay themselves unless autoStart is asked for. Its
 * scheduling clock runs only when `scheduling` is asked for: suites call the router themselves.
 * Likewise its notifications consumer and alert deliverer, only when `notifications` is asked for.
 */
export async function startWorker(
  env: Record<string, string> = {},
  autoStart = false,
  scheduling = false,
  notifications = false,
): Promise<{ context: INestApplicationContext; relay: OutboxRelay }> {
  const context = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(loadWorkerConfig(testEnv(env)), { autoStart, scheduling, notifications }),
    { logger: false },
  );
  await context.init();
  return { context, relay: context.get(OutboxRelay) };
}

/** A plain connection for looking at what the service stored. */
export function testPool(): Pool {
  return new Pool({ connectionString: TEST_DATABASE_URL, max: 3 });
}

export const DEFAULT_POOL_ID = '00000000-0000-7000-8000-000000000001';

export async function resetDatabase(pool: Pool): Promise<void> {
  await pool.query(
    `TRUNCATE follow_ups, assignment_decisions, routing_queue, routing_rules, routing_pool_members,
       routing_pools, staff_away_periods, staff_schedules, scheduling_settings, access_log,
       lead_history, lead_notes, lead_contact_attempts, lead_contacts_to_confirm, consent_records, contact_rules, leads, submissions, data_keys, idempotency_keys, throttle_counters,
       outbox, event_sequences, outbox_retention, consent_wordings, forms, auth_sessions, auth_pending_logins, api_keys,
       alerts, notification_inbox, alert_settings, alert_deliveries, notification_parked_events,
       crisis_pages, crisis_on_call_settings,
       webhook_delivery_attempts, webhook_deliveries, webhook_subscriptions,
       erasures, contact_suppressions, retention_runs, retention_settings,
       staff RESTART IDENTITY`,
  );
  await emptyAdminAudit(pool);
  // As the migration leaves a fresh install: one default pool of every coordinator.
  await pool.query(
    `INSERT INTO routing_pools (id, name, strategy, all_coordinators, is_default, created_at, updated_at)
     VALUES ('${DEFAULT_POOL_ID}', 'Everyone', 'round_robin', true, true, now(), now())`,
  );
}

/**
 * The admin audit refuses TRUNCATE (a trigger). Tests empty it as only the table's owner can:
 * switching that trigger off and on again around the TRUNCATE in one statement list, which
 * PostgreSQL runs as one transaction, so no other session ever sees the table unguarded.
 */
export async function emptyAdminAudit(pool: Pool): Promise<void> {
  await pool.query(
    `ALTER TABLE admin_audit DISABLE TRIGGER admin_audit_no_truncate;
     TRUNCATE admin_audit;
     ALTER TABLE admin_audit ENABLE TRIGGER admin_audit_no_truncate;`,
  );
}

export async function count(pool: Pool, table: string, where = 'true'): Promise<number> {
  const result = await pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`);
  return result.rows[0].n;
}

/**
 * The lead a submission went to. The public answer names only the submission, so tests read
 * the link where it is kept; a rejected (spam) submission has none and is an error here.
 */
export async function leadOf(
  pool: Pool,
  submission: { body: { submissionId: string } } | string,
): Promise<string> {
  const id = typeof submission === 'string' ? submission : submission.body.submissionId;
  const result = await pool.query('SELECT lead_id, status FROM submissions WHERE id = $1', [id]);
  if (result.rows.length === 0) throw new Error(`leadOf: no submission with id ${id}`);
  const { lead_id: leadId, status } = result.rows[0];
  if (!leadId) throw new Error(`leadOf: submission ${id} (${status}) has no lead`);
  return leadId;
}

export const CLINIC_ORIGIN = 'https://clinic.example';

/**
 * Limits out of the way of suites that post hundreds of requests from one address; the
 * throttling suite tests the real defaults and its own.
 */
export const ROOMY_LIMITS: SubmissionLimits = {
  perSource: { limit: 100_000, windowSeconds: 60 },
  perForm: { limit: 100_000, windowSeconds: 60 },
  perContact: { limit: 100_000, windowSeconds: 60 },
};

/** Test factory for forms: sensible settings, overridable per test. */
export async function createForm(
  app: INestApplicationContext,
  overrides: Partial<FormSettings> = {},
) {
  const settings: FormSettings = {
    key: 'consultation',
    name: 'Free consultation',
    allowedOrigins: [CLINIC_ORIGIN],
    thankYouUrl: `${CLINIC_ORIGIN}/thank-you`,
    honeypotField: 'website',
    fieldAliases: { fname: 'firstName' },
    requiredFields: [],
    minFillSeconds: 3,
    limits: ROOMY_LIMITS,
    requireStartToken: false,
    captcha: null,
    ...overrides,
  };
  await app.get(FormRepository).save(settings);
  return settings;
}

let sequence = 0;

/** A valid consultation request; each call a different person unless told otherwise. */
export function consultation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  return {
    firstName: 'Ann',
    lastName: 'Testperson',
    email: `ann.${process.pid}.${sequence}@example.com`,
    phone: `+1415555${String(1000 + (sequence % 9000)).padStart(4, '0')}`,
    preferredContact: 'phone',
    state: 'CA',
    interest: 'depression',
    message: 'I have struggled with depression for years and want to try ketamine therapy.',
    contactConsent: true,
    smsConsent: false,
    utm_source: 'google',
    utm_campaign: 'winter',
    landingPage: `${CLINIC_ORIGIN}/ketamine?ref=ad`,
    ...overrides,
  };
}

export async function waitUntil<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A request supertest cannot make: no Content-Type at all, or a chunked body of any size. */
export function rawPost(
  app: INestApplication,
  path: string,
  headers: Record<string, string>,
  chunks: string[],
): Promise<{ status: number; body: string }> {
  const address = app.getHttpServer().address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: address.port, method: 'POST', path, headers },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    // The server may answer and close before the whole body is written.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' ? undefined : reject(error),
    );
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

/**
 * A JSON post from a chosen loopback address (all of 127/8 is loopback), as if from another
 * client: supertest always connects from 127.0.0.1.
 */
export function postFrom(
  app: INestApplication,
  from: string,
  path: string,
  body: Record<string, unknown> | string,
  headers: Record<string, string> = {},
  // The parsed body, as loosely typed as supertest's.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }> {
  const address = app.getHttpServer().address() as AddressInfo;
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: address.port,
        localAddress: from,
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          const json = /json/.test(String(res.headers['content-type']));
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: json ? JSON.parse(text) : text,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export interface StaffCredential {
  staffId: string;
  role: Role;
  /** `Bearer ik_…`, ready for the Authorization header. */
  auth: string;
}

/** What test factories change is audited as the CLI's operator `test-setup`. */
export const TEST_SETUP = cliAuditContext('test-setup', '00000000-0000-4000-8000-000000000000');

/** Test factory for staff: a member with the role and a fresh API key. */
export async function staffWithKey(
  app: INestApplicationContext,
  role: Role,
  name = `${role} ${++sequence}`,
): Promise<StaffCredential> {
  const member = await app.get(StaffService).create({ name, email: null, role }, TEST_SETUP);
  const key = await app.get(ApiKeysService).create(member.id, 'test', TEST_SETUP);
  return { staffId: member.id, role, auth: `Bearer ${key.plaintext}` };
}
