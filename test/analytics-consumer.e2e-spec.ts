import { randomUUID } from 'node:crypto';
import { LeadEventsConsumer } from '@intake/analytics';
import { Copy, scenarioSuite, WINDOW } from './support/analytics-suite';
import { uniqueTopic } from './support/test-config';

/** Poison records go to the dead letter topic, newer minor versions are read, lag is reported. */
describe('analytics: a consumer that goes on past what it cannot project', () => {
  const suite = scenarioSuite();
  const {
    caughtUp,
    createTopic,
    get,
    leads,
    produce,
    readRaw,
    ready,
    resetAnalytics,
    startAnalytics,
    stream,
  } = suite;

  it('dead-letters poison records with their bytes and the reason, and goes on', async () => {
    const topic = uniqueTopic();
    const groupId = `intake-test-${randomUUID()}`;
    await createTopic(topic);
    // L1's first events, in its order: all on L1's partition, between the poison ones.
    const l1 = stream.filter((c) => c.key === leads.L1);
    const [submitted, second, third, , fifth] = l1;
    const partition = submitted!.partition;
    const poisonHeaders = (type: string) => ({
      ...submitted!.headers,
      ce_id: randomUUID(),
      ce_type: type,
    });
    const notJson: Copy = {
      key: leads.L1!,
      value: 'Ann Testperson, 415 555 0123 {',
      headers: poisonHeaders('intake.lead.status_changed.v1'),
      partition,
    };
    const badSchema: Copy = {
      key: leads.L1!,
      value: JSON.stringify({ leadId: leads.L1, to: 'sentinel-value-7', changedAt: 'yesterday' }),
      headers: poisonHeaders('intake.lead.status_changed.v1'),
      partition,
    };
    const { ce_id: _id, ce_type: _type, ...withoutIdAndType } = third!.headers;
    const noHeaders: Copy = { ...third!, headers: withoutIdAndType };
    // A future event type, well formed: skipped and counted, with sequence 4 of L1.
    const future: Copy = {
      key: leads.L1!,
      value: JSON.stringify({ leadId: leads.L1, sequence: 4 }),
      headers: { ...poisonHeaders('intake.lead.archived.v1'), ce_sequence: '4' },
      partition,
    };
    // Offsets 0…7 on the partition: good, poison, good, poison, poison, future, good (5th).
    const sent = [submitted!, notJson, second!, badSchema, noHeaders, future, fifth!];
    await produce(topic, sent);
    await resetAnalytics();

    const app = await startAnalytics(topic, groupId);
    // 3 good events projected, 1 future one skipped; 3 dead-lettered; all offsets committed.
    await caughtUp(app, 4);
    const stats = (await get(app, '/v1/analytics/stats').expect(200)).body;
    // L1's sequence: 1, 2, (3 dead-lettered: the record without ce_id), 4 (future), 5.
    expect(stats).toEqual({
      projected: 3,
      skippedUnknownType: 1,
      sequenceGaps: 1,
      lateEvents: 0,
      deadLetteredSinceStart: 3,
    });
    const projected = await suite.pool.query(
      'SELECT event_id FROM analytics.processed_events ORDER BY kafka_offset',
    );
    expect(projected.rows.map((r) => r.event_id)).toEqual([
      submitted!.headers.ce_id,
      second!.headers.ce_id,
      future.headers.ce_id,
      fifth!.headers.ce_id,
    ]);

    const dead = (await readRaw(`${topic}.dlq`, 3)).sort(
      (a, b) => Number(a.headers.dlq_offset) - Number(b.headers.dlq_offset),
    );
    expect(dead).toHaveLength(3);
    const expected = [
      { copy: notJson, offset: '1', error: 'value is not JSON' },
      { copy: badSchema, offset: '3', error: 'schema: ' },
      { copy: noHeaders, offset: '4', error: 'missing CloudEvents header ce_id, ce_type' },
    ];
    expected.forEach(({ copy, offset, error }, i) => {
      const record = dead[i]!;
      expect(record.key).toBe(copy.key);
      expect(record.value!.equals(Buffer.from(copy.value))).toBe(true);
      expect(record.headers).toEqual({
        ...copy.headers,
        dlq_error: expect.stringContaining(error),
        dlq_topic: topic,
        dlq_partition: String(partition),
        dlq_offset: offset,
        dlq_consumer_group: groupId,
        dlq_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      // The reason names rules, never what the record held.
      expect(record.headers.dlq_error).not.toMatch(/sentinel|yesterday|Ann|415/);
    });
    expect(dead[1]!.headers.dlq_error).toMatch(/must have required property/);
  });

  it('projects a newer minor version (1.1) and counts beyond 32 bits, dead-lettering nothing', async () => {
    const topic = uniqueTopic();
    await createTopic(topic);
    const l1 = stream.filter((c) => c.key === leads.L1);
    const submitted = l1.find((c) => c.headers.ce_type === 'intake.lead.submitted.v1')!;
    const attempted = l1.find((c) => c.headers.ce_type === 'intake.lead.contact_attempted.v1')!;
    const edit = (copy: Copy, change: (value: Record<string, unknown>) => object): Copy => ({
      ...copy,
      value: JSON.stringify(change(JSON.parse(copy.value))),
    });
    // Properties a later 1.x may add, at the top and inside `attribution`.
    const newer = edit(submitted, (v) => ({
      ...v,
      schemaVersion: '1.1',
      channel: 'web',
      attribution: { ...(v.attribution as object), utmId: 'spring-42' },
    }));
    // Both beyond a 32-bit integer's 2 147 483 647; the schema sets no maximum.
    const late = edit(attempted, (v) => ({
      ...v,
      attemptNumber: 3_000_000_001,
      secondsSinceSubmission: 3_000_000_000,
    }));
    await produce(topic, [newer, late]);
    await resetAnalytics();

    const app = await startAnalytics(topic, `intake-test-${randomUUID()}`);
    await caughtUp(app, 2);
    expect((await get(app, '/v1/analytics/stats').expect(200)).body).toMatchObject({
      projected: 2,
      deadLetteredSinceStart: 0,
    });
    expect((await get(app, `/v1/analytics/funnel?${WINDOW}`).expect(200)).body.total).toMatchObject(
      { submitted: 1 },
    );
    const speed = (await get(app, `/v1/analytics/speed-to-lead?${WINDOW}`).expect(200)).body;
    expect(speed.overall).toMatchObject({
      leads: 1,
      attempted: 1,
      firstAttempt: { p50Seconds: 3_000_000_000, p90Seconds: 3_000_000_000, withinFiveMinutes: 0 },
    });
  });

  it('de-identifies a lead on lead.erased: its state and interest go, its figures stay', async () => {
    const topic = uniqueTopic();
    await createTopic(topic);
    const submittedOf = (lead: string) =>
      stream.find((c) => c.key === lead && c.headers.ce_type === 'intake.lead.submitted.v1')!;
    const l1 = submittedOf(leads.L1!);
    const l2 = submittedOf(leads.L2!);
    const eventId = randomUUID();
    const erasedAt = '2026-03-04T10:00:00.000Z';
    const erased: Copy = {
      ...l1,
      headers: {
        ...l1.headers,
        ce_id: eventId,
        ce_type: 'intake.lead.erased.v1',
        ce_time: erasedAt,
      },
      value: JSON.stringify({
        eventId,
        occurredAt: erasedAt,
        leadId: leads.L1,
        sequence: 1000,
        schemaVersion: '1.0',
        cause: 'request',
        erasureId: randomUUID(),
        erasedAt,
      }),
    };
    await produce(topic, [l1, l2, erased]);
    await resetAnalytics();

    const app = await startAnalytics(topic, `intake-test-${randomUUID()}`);
    await caughtUp(app, 3);
    const rows = await suite.pool.query(
      `SELECT lead_id, state, interest, source, form_key, submitted_at, max_stage
         FROM analytics.leads WHERE lead_id = ANY($1::uuid[])`,
      [[leads.L1, leads.L2]],
    );
    const byId = new Map(rows.rows.map((r) => [r.lead_id, r]));
    expect(byId.get(leads.L1)).toMatchObject({
      state: null,
      interest: null,
      source: expect.any(String),
      form_key: 'consultation',
      submitted_at: expect.any(Date),
    });
    // Only the erased lead: another lead keeps what describes it.
    expect(byId.get(leads.L2)).toMatchObject({
      state: expect.any(String),
      interest: expect.any(String),
    });
    expect((await get(app, '/v1/analytics/stats').expect(200)).body).toMatchObject({
      projected: 3,
      deadLetteredSinceStart: 0,
    });
    expect((await get(app, `/v1/analytics/funnel?${WINDOW}`).expect(200)).body.total).toMatchObject(
      { submitted: 2 },
    );
  });

  it('reports lag 0 when caught up, and the records produced while the consumer was stopped', async () => {
    const topic = uniqueTopic();
    await createTopic(topic);
    await resetAnalytics();
    await produce(topic, stream.slice(0, 5));
    const app = await startAnalytics(topic, `intake-test-${randomUUID()}`);
    await caughtUp(app, 5);
    const upToDate = await ready(app);
    expect(upToDate.status).toBe('ok');
    expect(upToDate.checks).toMatchObject({
      database: 'up',
      kafka: 'up',
      consumer: { running: true, topic, lag: { total: 0 } },
    });
    expect(upToDate.checks.consumer.lag.partitions).toHaveLength(3);

    const consumer = app.get(LeadEventsConsumer);
    await consumer.stop();
    const behind = stream.slice(5, 8);
    await produce(topic, behind);
    const stopped = await ready(app);
    expect(stopped.status).toBe('degraded');
    expect(stopped.checks.consumer.running).toBe(false);
    expect(stopped.checks.consumer.lag.total).toBe(3);
    for (const p of stopped.checks.consumer.lag.partitions) {
      expect(p.lag).toBe(behind.filter((c) => c.partition === p.partition).length);
    }

    await consumer.start();
    await caughtUp(app, 8);
    expect((await ready(app)).checks.consumer.lag.total).toBe(0);
  });
});
