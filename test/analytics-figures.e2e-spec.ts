import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { RecordPosition } from '@intake/analytics';
import { runCli } from '../apps/cli/src/cli';
import { CliModule, loadCliConfig } from '../apps/cli/src/cli.module';
import { FUNNEL_TOTAL, scenarioSuite, SPEED_OVERALL, WINDOW } from './support/analytics-suite';
import { waitUntil } from './support/harness';
import { testEnv, uniqueTopic } from './support/test-config';

/**
 * The reference consumer of the lead events topic computes the scenario's figures as worked out
 * by hand, and keeps them exact through a crash, redelivered and renamed records, and a replay.
 */
describe('analytics: the figures of the lead events topic, exactly once', () => {
  const suite = scenarioSuite();
  const {
    caughtUp,
    close,
    committedOffsets,
    cora,
    createTopic,
    dave,
    get,
    processedCount,
    produce,
    resetAnalytics,
    startAnalytics,
    stream,
  } = suite;

  it('reports the funnel and speed to lead of the scenario, as computed by hand', async () => {
    const topic = suite.topic;
    const app = await startAnalytics(topic, `intake-test-${randomUUID()}`);
    await caughtUp(app, stream.length);

    const total = (await get(app, `/v1/analytics/funnel?${WINDOW}`).expect(200)).body;
    expect(total).toEqual({
      from: '2026-03-02T00:00:00.000Z',
      to: '2026-03-03T00:00:00.000Z',
      groupBy: null,
      groups: [],
      total: FUNNEL_TOTAL,
    });

    const groups = async (groupBy: string) =>
      (await get(app, `/v1/analytics/funnel?${WINDOW}&groupBy=${groupBy}`).expect(200)).body.groups;
    const row = (key: string, s: number, c: number, cs: number, cv: number, rates: number[]) => ({
      key,
      submitted: s,
      contacted: c,
      consultScheduled: cs,
      converted: cv,
      rates: { contacted: rates[0], consultScheduled: rates[1], converted: rates[2] },
    });
    // google: L1 (converted), L4 (none), L6 (contacted) → 3, 2, 1, 1 → 2/3, 1/3, 1/3.
    // direct: L3, L5 → nothing past submitted. facebook: L2 → 1, 1, 1, 0.
    // Ordered by submitted, then key.
    expect(await groups('source')).toEqual([
      row('google', 3, 2, 1, 1, [0.6667, 0.3333, 0.3333]),
      row('direct', 2, 0, 0, 0, [0, 0, 0]),
      row('facebook', 1, 1, 1, 0, [1, 1, 0]),
    ]);
    // consultation: L1–L5 → contacted L1, L2; consult L1, L2; converted L1. spring: L6.
    expect(await groups('form')).toEqual([
      row('consultation', 5, 2, 2, 1, [0.4, 0.4, 0.2]),
      row('spring', 1, 1, 0, 0, [1, 0, 0]),
    ]);
    // CA: L1, L4, L5 → only L1 moves. NY: L2 (consult), L6 (contacted). TX: L3.
    expect(await groups('state')).toEqual([
      row('CA', 3, 1, 1, 1, [0.3333, 0.3333, 0.3333]),
      row('NY', 2, 2, 1, 0, [1, 0.5, 0]),
      row('TX', 1, 0, 0, 0, [0, 0, 0]),
    ]);
    // anxiety: L2, L5; depression: L1, L4; ptsd: L6; unknown: L3.
    expect(await groups('interest')).toEqual([
      row('anxiety', 2, 1, 1, 0, [0.5, 0.5, 0]),
      row('depression', 2, 1, 1, 1, [0.5, 0.5, 0.5]),
      row('ptsd', 1, 1, 0, 0, [1, 0, 0]),
      row('unknown', 1, 0, 0, 0, [0, 0, 0]),
    ]);

    const speed = (await get(app, `/v1/analytics/speed-to-lead?${WINDOW}`).expect(200)).body;
    expect(speed.overall).toEqual(SPEED_OVERALL);
    expect(speed.byCoordinator).toEqual([
      {
        // L1 (120; reached 600), L3 (900, owner at its first attempt), L6 (60; reached 60).
        coordinatorId: cora.staffId,
        leads: 3,
        attempted: 3,
        reached: 2,
        // 60, 120, 900: p50 = 2nd = 120, p90 = ceil(2.7) = 3rd = 900; ≤ 300 s: 2 of 3.
        firstAttempt: { p50Seconds: 120, p90Seconds: 900, withinFiveMinutes: 0.6667 },
        // 60, 600: p50 = 1st = 60, p90 = ceil(1.8) = 2nd = 600; ≤ 300 s: 1 of 3.
        firstReach: { p50Seconds: 60, p90Seconds: 600, withinFiveMinutes: 0.3333 },
      },
      {
        // L2 (240, reached), L4 (never attempted; its current owner).
        coordinatorId: dave.staffId,
        leads: 2,
        attempted: 1,
        reached: 1,
        firstAttempt: { p50Seconds: 240, p90Seconds: 240, withinFiveMinutes: 0.5 },
        firstReach: { p50Seconds: 240, p90Seconds: 240, withinFiveMinutes: 0.5 },
      },
      {
        // L5: never had an owner.
        coordinatorId: null,
        leads: 1,
        attempted: 0,
        reached: 0,
        firstAttempt: { p50Seconds: null, p90Seconds: null, withinFiveMinutes: 0 },
        firstReach: { p50Seconds: null, p90Seconds: null, withinFiveMinutes: 0 },
      },
    ]);

    // The relay's sequences have no holes; every event projected, none skipped.
    expect((await get(app, '/v1/analytics/stats').expect(200)).body).toEqual({
      projected: stream.length,
      skippedUnknownType: 0,
      sequenceGaps: 0,
      lateEvents: 0,
      deadLetteredSinceStart: 0,
    });
  });

  it('ends with exact totals after a crash between the database commit and the offset commit', async () => {
    const topic = uniqueTopic();
    const groupId = `intake-test-${randomUUID()}`;
    await createTopic(topic);
    await produce(topic, stream);
    await resetAnalytics();

    // Transactions of at most 4 records. The first instance dies right after the transaction
    // that took it to 10 or more records committed, before that transaction's offset was: every
    // earlier transaction's records are committed offsets, the last one's are stored only.
    let processed = 0;
    let lastTransaction = 0;
    let died = false;
    const first = await startAnalytics(
      topic,
      groupId,
      {
        autoStart: true,
        beforeOffsetCommit: (_at: RecordPosition, records: number) => {
          processed += records;
          if (processed < 10) return true;
          lastTransaction = records;
          died = true;
          return false;
        },
      },
      { ANALYTICS_BATCH_SIZE: '4' },
    );
    await waitUntil(async () => died, 45_000, 'the first instance to die');
    await close(first);
    expect(processed).toBeGreaterThanOrEqual(10);
    expect(processed).toBeLessThan(stream.length);
    expect(lastTransaction).toBeGreaterThan(0);
    expect(await processedCount()).toBe(processed);
    expect(await committedOffsets(topic, groupId)).toBe(processed - lastTransaction);

    // A new instance in the same group gets the last transaction's records again and skips them
    // as seen.
    const second = await startAnalytics(topic, groupId);
    await caughtUp(second, stream.length);
    expect(await committedOffsets(topic, groupId)).toBe(stream.length);
    const funnel = (await get(second, `/v1/analytics/funnel?${WINDOW}`).expect(200)).body;
    expect(funnel.total).toEqual(FUNNEL_TOTAL);
    const speed = (await get(second, `/v1/analytics/speed-to-lead?${WINDOW}`).expect(200)).body;
    expect(speed.overall).toEqual(SPEED_OVERALL);
    const stats = (await get(second, '/v1/analytics/stats').expect(200)).body;
    expect(stats).toMatchObject({ projected: stream.length, sequenceGaps: 0, lateEvents: 0 });
  });

  it('changes nothing when the same records come again, or are replayed under new ids', async () => {
    const topic = uniqueTopic();
    await createTopic(topic);
    // Every record twice, as a producer retry or a replay with the original ids would.
    await produce(topic, [...stream, ...stream]);
    await resetAnalytics();
    const app = await startAnalytics(topic, `intake-test-${randomUUID()}`);
    await caughtUp(app, stream.length);
    expect((await get(app, `/v1/analytics/funnel?${WINDOW}`).expect(200)).body.total).toEqual(
      FUNNEL_TOTAL,
    );
    expect(
      (await get(app, `/v1/analytics/speed-to-lead?${WINDOW}`).expect(200)).body.overall,
    ).toEqual(SPEED_OVERALL);

    // The same events once more with fresh ids get past the dedupe: the projections must
    // still not move (first values kept, stages only go up, attempts keyed by their own id).
    const renamed = stream.map((copy) => {
      const id = randomUUID();
      return {
        ...copy,
        value: JSON.stringify({ ...JSON.parse(copy.value), eventId: id }),
        headers: { ...copy.headers, ce_id: id },
      };
    });
    await produce(topic, renamed);
    await caughtUp(app, 2 * stream.length);
    expect((await get(app, `/v1/analytics/funnel?${WINDOW}`).expect(200)).body.total).toEqual(
      FUNNEL_TOTAL,
    );
    const speed = (await get(app, `/v1/analytics/speed-to-lead?${WINDOW}`).expect(200)).body;
    expect(speed.overall).toEqual(SPEED_OVERALL);
    expect(speed.byCoordinator.map((r: { leads: number }) => r.leads)).toEqual([3, 2, 1]);
    // Each renamed event repeats a sequence already seen for its key.
    expect((await get(app, '/v1/analytics/stats').expect(200)).body).toMatchObject({
      projected: 2 * stream.length,
      lateEvents: stream.length,
      sequenceGaps: 0,
    });
  });

  it('keeps exact totals when events:replay republishes the scenario onto the topic it reads', async () => {
    const topic = suite.topic;
    await resetAnalytics();
    const groupId = `intake-test-${randomUUID()}`;
    const app = await startAnalytics(topic, groupId);
    await caughtUp(app, stream.length);

    // The operator's command, as a shell would run it, onto the live topic.
    const cli = await NestFactory.createApplicationContext(
      CliModule.forRoot(loadCliConfig(testEnv({ KAFKA_TOPIC: topic }))),
      { logger: false },
    );
    try {
      const output = await runCli(cli, ['events:replay', '--from', '2026-01-01']);
      expect(output).toContain(`replayed ${stream.length} events`);
    } finally {
      await cli.close();
    }

    await waitUntil(
      async () => (await committedOffsets(topic, groupId)) === 2 * stream.length,
      45_000,
      'the group to consume every copy',
    );
    expect(await processedCount()).toBe(stream.length);
    expect((await get(app, `/v1/analytics/funnel?${WINDOW}`).expect(200)).body.total).toEqual(
      FUNNEL_TOTAL,
    );
    expect(
      (await get(app, `/v1/analytics/speed-to-lead?${WINDOW}`).expect(200)).body.overall,
    ).toEqual(SPEED_OVERALL);
    // Copies with ids already seen are dropped before their sequence is even looked at.
    expect((await get(app, '/v1/analytics/stats').expect(200)).body).toMatchObject({
      projected: stream.length,
      sequenceGaps: 0,
      lateEvents: 0,
    });
  });
});
