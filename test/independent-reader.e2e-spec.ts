import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import request from 'supertest';
import { EVENT_SCHEMAS, EVENT_TYPES, EventType } from '@intake/events';
import { schemaErrors } from './support/event-schema-validator';
import {
  consultation,
  createForm,
  leadOf,
  resetDatabase,
  staffWithKey,
  startApi,
  startWorker,
  testPool,
} from './support/harness';
import { outboxDrained } from './support/probes';
import { TEST_KAFKA_BROKERS, uniqueTopic } from './support/test-config';

const ENDPOINT = '/v1/forms/consultation/submissions';

/** One record as kcat (librdkafka, not kafkajs) prints it with `-J`. */
interface KcatRecord {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  payload: string | null;
  /** Alternating names and values. */
  headers?: string[];
}

/** Everything on the topic, read from the beginning by kcat until the end of each partition. */
async function readWithKcat(topic: string): Promise<KcatRecord[]> {
  const { stdout } = await promisify(execFile)(
    'kcat',
    ['-b', TEST_KAFKA_BROKERS, '-C', '-t', topic, '-o', 'beginning', '-e', '-J', '-q'],
    { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as KcatRecord);
}

function headersOf(record: KcatRecord): Record<string, string> {
  const list = record.headers ?? [];
  const headers: Record<string, string> = {};
  for (let i = 0; i < list.length; i += 2) {
    expect(headers[list[i]!]).toBeUndefined(); // each header once
    headers[list[i]!] = list[i + 1]!;
  }
  return headers;
}

describe('the topic read by an independent client (kcat, librdkafka)', () => {
  let pool: Pool;
  let api: INestApplication;
  let worker: INestApplicationContext;
  const topic = uniqueTopic();
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    pool = testPool();
    await resetDatabase(pool);
    api = await startApi();
    await createForm(api);
    worker = (await startWorker({ KAFKA_TOPIC: topic }, true)).context;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await pool?.end();
  });

  it('finds CloudEvents headers, the envelope and schema-valid payloads, in sequence per lead, with no personal data', async () => {
    const coordinator = await staffWithKey(api, 'coordinator');
    const auth = { Authorization: coordinator.auth };
    const person = consultation({
      firstName: 'Ottoline',
      lastName: 'Vanderquist',
      email: 'ottoline.v@example.com',
      phone: '(415) 555-0142',
      message: 'Asking for my anxiety, evenings are best.',
    });
    const leadId = await leadOf(pool, await http().post(ENDPOINT).send(person).expect(201));
    await http().post(ENDPOINT).send(person).expect(201);
    await http()
      .post(ENDPOINT)
      .send(consultation({ website: 'http://spam.example' }))
      .expect(201);
    await http()
      .put(`/v1/leads/${leadId}/owner`)
      .set(auth)
      .send({ staffId: coordinator.staffId })
      .expect(200);
    await http()
      .post(`/v1/leads/${leadId}/contact-attempts`)
      .set(auth)
      .send({ channel: 'phone', outcome: 'no_answer', note: 'Ottoline did not pick up' })
      .expect(201);
    await outboxDrained(pool, 20_000);
    const written = (await pool.query('SELECT id, partition_key FROM outbox ORDER BY seq')).rows;
    expect(written.length).toBeGreaterThanOrEqual(8);

    const records = await readWithKcat(topic);

    expect(records.map((r) => headersOf(r).ce_id).sort()).toEqual(
      written.map((row) => row.id).sort(),
    );
    const types = new Set<string>();
    const sequences = new Map<string, Array<{ offset: number; sequence: number }>>();
    for (const record of records) {
      const headers = headersOf(record);
      const type = headers.ce_type as EventType;
      types.add(type);
      expect(EVENT_TYPES).toContain(type);
      expect(headers).toEqual({
        ce_specversion: '1.0',
        ce_id: expect.stringMatching(
          /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
        ),
        ce_type: type,
        // The part of Intake the contract says raises this type.
        ce_source: (EVENT_SCHEMAS[type] as { 'x-ce-source': string })['x-ce-source'],
        ce_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        ce_subject: record.key,
        ce_sequence: expect.stringMatching(/^[1-9]\d*$/),
        ce_dataschema: (EVENT_SCHEMAS[type] as { $id: string }).$id,
        'content-type': 'application/json',
      });
      const payload = JSON.parse(record.payload!) as Record<string, unknown>;
      expect(schemaErrors(type, payload)).toEqual([]);
      expect(payload).toMatchObject({
        eventId: headers.ce_id,
        occurredAt: headers.ce_time,
        sequence: Number(headers.ce_sequence),
        schemaVersion: type.endsWith('.v2') ? '2.0' : '1.0',
        leadId: type.startsWith('intake.submission.rejected.') ? null : record.key,
      });
      for (const personal of [
        'ottoline',
        'vanderquist',
        '555-0142',
        '5550142',
        'anxiety, evenings',
      ]) {
        expect(
          `${record.key} ${JSON.stringify(headers)} ${record.payload}`.toLowerCase(),
        ).not.toContain(personal);
      }
      const perKey = sequences.get(record.key!) ?? [];
      perKey.push({ offset: record.offset, sequence: Number(headers.ce_sequence) });
      sequences.set(record.key!, perKey);
    }
    expect([...types].sort()).toEqual(
      [
        'intake.followup.completed.v1',
        'intake.followup.scheduled.v1',
        'intake.lead.assigned.v1',
        'intake.lead.contact_attempted.v1',
        'intake.lead.resubmitted.v1',
        'intake.lead.status_changed.v1',
        'intake.lead.submitted.v1',
        'intake.submission.rejected.v1',
        'intake.submission.rejected.v2',
      ].sort(),
    );
    // In partition order, each key's events are numbered 1, 2, 3… without a gap.
    for (const perKey of sequences.values()) {
      const inOrder = perKey.sort((a, b) => a.offset - b.offset).map((s) => s.sequence);
      expect(inOrder).toEqual(inOrder.map((_, i) => i + 1));
    }
    expect(sequences.get(leadId)!.length).toBe(
      written.filter((row) => row.partition_key === leadId).length,
    );
  });
});
