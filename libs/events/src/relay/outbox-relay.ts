import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '@intake/platform';
import { REJECTED_SUBMISSION_TYPES } from '../contracts/event-catalog';
import { OUTBOX_RECORD, outbox } from '../infrastructure/events.tables';
import { OutboxRecord } from '../infrastructure/kafka/cloud-events';
import { isBrokerUnavailable, KafkaPublisher } from '../infrastructure/kafka/kafka-publisher';
import { RelayMetrics } from './relay-metrics';
import { RELAY_OPTIONS, RelayOptions } from './relay-options';
import { Wakeup } from './wakeup';

export const OUTBOX_CHANNEL = 'intake_outbox';

const REJECTED = REJECTED_SUBMISSION_TYPES.map((t) => `'${t}'`).join(', ');

type Numbered = Pick<OutboxRecord, 'seq' | 'sequence' | 'payload'>;

// Only the oldest unpublished row of each key is eligible, so a lead's events reach Kafka in
// order and a failing one holds back the rest, until it is parked. SKIP LOCKED lets several
// relays share the work.
const CLAIM = sql<{ limit: number }, OutboxRecord>(`
  SELECT ${outbox.select(OUTBOX_RECORD, 'o')}
    FROM outbox o
   WHERE o.published_at IS NULL AND o.parked_at IS NULL
     AND o.next_attempt_at <= now()
     AND NOT EXISTS (SELECT 1 FROM outbox e
                      WHERE e.partition_key = o.partition_key AND e.published_at IS NULL
                        AND e.parked_at IS NULL AND e.seq < o.seq)
   ORDER BY o.seq
   LIMIT :limit
     FOR UPDATE SKIP LOCKED`);

// A claimed row without a number gets its key's next one (a claim holds at most one row per key,
// the oldest unpublished, so numbers follow the topic's order). It is kept even if the send then
// fails, and the retry sends the same number. A rejected submission's key has its events written
// once, together: each is numbered by its place among them, and spam never grows the counters.
const NUMBER = sql<{ seqs: string[] }, Numbered>(`
  WITH need AS (
    SELECT seq, partition_key, type FROM outbox WHERE seq = ANY(:seqs::bigint[]) AND sequence IS NULL
  ), counted AS (
    INSERT INTO event_sequences AS c (stream_key, last_sequence)
    SELECT partition_key, 1 FROM need WHERE type NOT IN (${REJECTED}) ORDER BY partition_key
    ON CONFLICT (stream_key) DO UPDATE SET last_sequence = c.last_sequence + 1
    RETURNING stream_key, last_sequence
  )
  UPDATE outbox o
     SET sequence = place.sequence,
         payload = o.payload || jsonb_build_object('sequence', place.sequence)
    FROM need LEFT JOIN counted ON counted.stream_key = need.partition_key,
         LATERAL (SELECT COALESCE(counted.last_sequence,
                    (SELECT count(*)::int + 1 FROM outbox e
                      WHERE e.partition_key = need.partition_key AND e.seq < need.seq)) AS sequence
         ) place
   WHERE o.seq = need.seq
  RETURNING ${outbox.select(['seq', 'sequence', 'payload'], 'o')}`);

const MARK_PUBLISHED = sql<{ seqs: string[] }>(`
  UPDATE outbox SET published_at = clock_timestamp(), attempts = attempts + 1, last_error = NULL
   WHERE seq = ANY(:seqs::bigint[])`);

// A failed send: retried after a capped backoff. A record the broker itself refused (never an
// outage, which passes no limit) is parked at its last allowed attempt with the reason.
const MARK_FAILED = sql<
  {
    seqs: string[];
    lastError: string;
    maxDelaySeconds: number;
    parkAfter: number | null;
    reason: string;
  },
  { parked: boolean }
>(`
  UPDATE outbox SET attempts = attempts + 1, last_error = :lastError,
         next_attempt_at = clock_timestamp() + make_interval(secs => least(:maxDelaySeconds::float8, power(2, least(attempts, 30)))),
         parked_at = CASE WHEN attempts + 1 >= :parkAfter::int THEN clock_timestamp() END,
         parked_reason = CASE WHEN attempts + 1 >= :parkAfter::int THEN :reason END
   WHERE seq = ANY(:seqs::bigint[])
  RETURNING parked_at IS NOT NULL AS parked`);

interface BatchOutcome {
  published: number;
  error?: unknown;
}

/** Moves committed outbox rows to Kafka; a row is marked published only after the broker acked. */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly wakeup = new Wakeup();
  private running = false;
  private loop: Promise<void> | null = null;
  private listener: Client | null = null;
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: KafkaPublisher,
    @Inject(RELAY_OPTIONS) private readonly options: RelayOptions,
    private readonly metrics: RelayMetrics,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.autoStart) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.listen();
    this.loop = this.run();
    this.logger.log({ topic: this.options.topic }, 'outbox relay started');
  }

  /** Lets the current batch finish, then stops and lets go of its connections. */
  async stop(): Promise<void> {
    const wasRunning = this.running;
    this.running = false;
    this.wakeup.signal();
    await this.loop;
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    // Also when never started: relayBatch() called directly connects the producer.
    await this.publisher.reset();
    if (wasRunning) this.logger.log('outbox relay stopped');
  }

  /** Whether it runs, and how many rounds in a row have failed (0: the last one went through). */
  status(): { running: boolean; consecutiveFailures: number } {
    return { running: this.running, consecutiveFailures: this.failures };
  }

  /** One claim–publish–mark round; returns how many rows went out. */
  async relayBatch(): Promise<number> {
    await this.publisher.ensureReady();
    const outcome = await this.dataSource.transaction(async (manager): Promise<BatchOutcome> => {
      const records = await this.numbered(
        manager,
        await CLAIM.rows(manager, { limit: this.options.batchSize }),
      );
      let published = 0;
      for (const group of this.publisher.byPartition(records)) {
        const sent = await this.publishGroup(manager, group);
        published += sent.published;
        if (sent.error) return { published, error: sent.error };
      }
      return { published };
    });
    if (outcome.error) throw outcome.error;
    return outcome.published;
  }

  /** The claimed records, those sent for the first time given their sequence number. */
  private async numbered(manager: EntityManager, records: OutboxRecord[]): Promise<OutboxRecord[]> {
    const unnumbered = records.filter((r) => r.sequence === null).map((r) => r.seq);
    if (unnumbered.length === 0) return records;
    const rows = await NUMBER.rows(manager, { seqs: unnumbered });
    const bySeq = new Map(rows.map((row) => [String(row.seq), row]));
    return records.map((r) => {
      const row = bySeq.get(String(r.seq));
      return row ? { ...r, sequence: String(row.sequence), payload: row.payload } : r;
    });
  }

  /**
   * Sends one partition's records. When the broker refuses the send for a reason other than
   * being unreachable, one record is bad: sending one at a time finds it, so it alone is held
   * back with its lead's later events (a claim holds at most one record per key).
   */
  private async publishGroup(manager: EntityManager, group: OutboxRecord[]): Promise<BatchOutcome> {
    let refused: unknown = null;
    const sending = this.metrics.sendDuration.startTimer();
    try {
      await this.publisher.publish(group);
    } catch (error) {
      refused = error;
    }
    sending({ result: refused === null ? 'ok' : 'failed' });
    // Only the send is guarded: a database error after the broker acked must not resend.
    if (refused === null) {
      this.metrics.published.inc(group.length);
      await MARK_PUBLISHED.execute(manager, { seqs: group.map((r) => r.seq) });
      return { published: group.length };
    }
    this.metrics.sendFailures.inc({
      reason: isBrokerUnavailable(refused) ? 'KAFKA.UNAVAILABLE' : refusalCode(refused),
    });
    if (isBrokerUnavailable(refused)) {
      await this.markFailed(manager, group, refused, null);
      return { published: 0, error: refused };
    }
    if (group.length === 1) {
      await this.markFailed(manager, group, refused, this.options.maxAttempts);
      return { published: 0 };
    }
    let published = 0;
    for (const record of group) {
      const sent = await this.publishGroup(manager, [record]);
      published += sent.published;
      if (sent.error) return { published, error: sent.error };
    }
    return { published };
  }

  /**
   * Records a failed send. `parkAfter` is RELAY_MAX_ATTEMPTS for one record the broker refused,
   * null for an outage (no limit: everything waits for the broker).
   */
  private async markFailed(
    manager: EntityManager,
    records: OutboxRecord[],
    error: unknown,
    parkAfter: number | null,
  ): Promise<void> {
    const maxDelaySeconds = Math.ceil(this.options.maxBackoffMs / 1000);
    const reason = refusalCode(error);
    const rows = await MARK_FAILED.rows(manager, {
      seqs: records.map((r) => r.seq),
      lastError: describe(error),
      maxDelaySeconds,
      parkAfter,
      reason,
    });
    const [record] = records;
    if (rows[0]?.parked && record) {
      this.metrics.parked.inc({ reason });
      // A consumer will see a gap in this key's sequence until the record is re-driven.
      this.logger.error(
        { event: record.id, type: record.type, sequence: record.sequence, reason },
        'event parked: the broker refused it RELAY_MAX_ATTEMPTS times; the lead’s later events go on',
      );
    } else {
      this.logger.warn(
        { events: records.map((r) => r.id), error: describe(error) },
        'events not published; will retry',
      );
    }
  }

  private async run(): Promise<void> {
    this.failures = 0;
    while (this.running) {
      try {
        const published = await this.relayBatch();
        if (this.failures > 0) this.logger.log('outbox relay recovered');
        this.failures = 0;
        if (published < this.options.batchSize) await this.wakeup.wait(this.options.pollIntervalMs);
      } catch (error) {
        this.failures += 1;
        const failures = this.failures;
        const delay = backoff(failures, this.options.maxBackoffMs);
        this.logger.warn(
          { error: describe(error), failures, retryInMs: delay },
          'outbox relay failed',
        );
        await this.sleepUnlessStopped(delay);
      }
    }
  }

  private async sleepUnlessStopped(ms: number): Promise<void> {
    const until = Date.now() + ms;
    // NOTIFYs must not cut a backoff short; only stop() should.
    while (this.running && Date.now() < until) await this.wakeup.wait(until - Date.now());
  }

  private async listen(): Promise<void> {
    while (this.running && !this.listener) {
      const client = new Client({
        ...this.options.database,
        application_name: 'intake-relay-listen',
      });
      try {
        await client.connect();
        client.on('notification', () => this.wakeup.signal());
        client.on('error', (error) => {
          this.logger.warn(
            { error: describe(error) },
            'outbox listener lost; polling until it is back',
          );
          if (this.listener === client) this.listener = null;
          void client.end().catch(() => undefined);
          if (this.running) setTimeout(() => void this.listen(), 1000);
        });
        await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
        this.listener = client;
        if (!this.running) await client.end();
      } catch (error) {
        this.logger.warn({ error: describe(error) }, 'outbox listener could not connect; polling');
        await client.end().catch(() => undefined);
        await this.sleepUnlessStopped(1000);
      }
    }
  }
}

function backoff(failures: number, max: number): number {
  const base = Math.min(max, 250 * 2 ** (failures - 1));
  return Math.round(base / 2 + (Math.random() * base) / 2);
}

/** `KAFKA.MESSAGE_TOO_LARGE` and the like: the broker's error type, never a value. */
function refusalCode(error: unknown): string {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' && /^[A-Z_]{1,64}$/.test(type)
    ? `KAFKA.${type}`
    : 'KAFKA.REFUSED';
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : String(error);
}
