import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { textHeaders, Wakeup } from '@intake/events';
import { ANALYTICS_OPTIONS, AnalyticsOptions } from '../../analytics-options';
import { EventProcessor, Processable } from '../../application/consume-events/event-processor';
import { LeadEventDecoder } from '../../application/consume-events/lead-event-decoder';
import { RecordPosition } from '../projection.repository';
import { ANALYTICS_KAFKA } from './analytics-kafka';
import { DeadLetterPublisher } from './dead-letter-publisher';

export interface ConsumerStatus {
  /** Member of its group and fetching. */
  running: boolean;
  topic: string;
  groupId: string;
  deadLetterTopic: string;
  /** Records sent to the dead-letter topic by this process since it started. */
  deadLettered: number;
}

const FIRST_START_BACKOFF_MS = 500;
const MAX_START_BACKOFF_MS = 30_000;

/**
 * The analytics consumer group. A partition's records are taken up to
 * `maxRecordsPerTransaction` at a time: decoded, applied in one Postgres transaction (dedupe by
 * `ce_id` and the projections), and only then acknowledged with one offset commit. A record that
 * cannot be processed goes to the dead-letter topic before that commit; if the send fails,
 * nothing is committed and the records come again (the dedupe drops what was applied). When the
 * database refuses a record's data, the batch is applied a record at a time, so only that one
 * is dead-lettered. When kafkajs gives the consumer up (a crash it does not restart itself), a
 * new one is started after a backoff that grows while crashes follow each other without a commit.
 */
@Injectable()
export class LeadEventsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LeadEventsConsumer.name);
  private consumer: Consumer | null = null;
  private starting: Promise<void> | null = null;
  private wanted = false;
  private joined = false;
  private halted = false;
  private deadLettered = 0;
  /** Cut short by stop(): a backoff never outlives the consumer. */
  private readonly wakeup = new Wakeup();
  private crashBackoff = FIRST_START_BACKOFF_MS;

  constructor(
    @Inject(ANALYTICS_KAFKA) private readonly kafka: Kafka,
    @Inject(ANALYTICS_OPTIONS) private readonly options: AnalyticsOptions,
    private readonly decoder: LeadEventDecoder,
    private readonly processor: EventProcessor,
    private readonly deadLetters: DeadLetterPublisher,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.autoStart) void this.start();
  }

  /** Joins the group, retrying with backoff while the broker or the topic is not there yet. */
  start(): Promise<void> {
    this.wanted = true;
    this.halted = false;
    return this.starting ?? this.startLoop(0);
  }

  /** Leaves the group after the record in progress (its transaction and offset commit) is done. */
  async stop(): Promise<void> {
    this.wanted = false;
    this.wakeup.signal();
    await this.starting;
    const consumer = this.consumer;
    this.consumer = null;
    this.joined = false;
    await consumer?.disconnect().catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    // Before the database pool closes (TypeORM closes it at application shutdown).
    await this.stop();
  }

  status(): ConsumerStatus {
    return {
      running: this.joined && !this.halted && this.consumer !== null,
      topic: this.options.topic,
      groupId: this.options.groupId,
      deadLetterTopic: this.options.deadLetterTopic,
      deadLettered: this.deadLettered,
    };
  }

  /** Runs the start loop after the one under way, if any, so there is only ever one. */
  private startLoop(delayMs: number): Promise<void> {
    const starting = (this.starting ?? Promise.resolve())
      .then(() => this.startWithRetries(delayMs))
      .finally(() => {
        if (this.starting === starting) this.starting = null;
      });
    this.starting = starting;
    return starting;
  }

  private async startWithRetries(delayMs: number): Promise<void> {
    if (delayMs > 0 && this.wanted) await this.sleep(delayMs);
    for (let backoff = FIRST_START_BACKOFF_MS; this.wanted && !this.consumer;) {
      try {
        await this.connect();
      } catch (error) {
        this.logger.warn(
          { error: error instanceof Error ? error.message : String(error), retryInMs: backoff },
          'analytics consumer could not start',
        );
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_START_BACKOFF_MS);
      }
    }
  }

  /** Waits, unless stop() wakes it up first. */
  private sleep(ms: number): Promise<void> {
    return this.wakeup.wait(ms);
  }

  /**
   * kafkajs restarts a consumer after a retriable error itself; after any other (a TypeError in
   * processing, a dead-letter send refused as too large) it leaves it stopped for good.
   */
  private async replaceCrashed(crashed: Consumer): Promise<void> {
    this.consumer = null;
    this.joined = false;
    await crashed.disconnect().catch(() => undefined);
    if (!this.wanted) return;
    const delay = this.crashBackoff;
    this.crashBackoff = Math.min(this.crashBackoff * 2, MAX_START_BACKOFF_MS);
    this.logger.warn({ retryInMs: delay }, 'analytics consumer will start again');
    await this.startLoop(delay);
  }

  private async connect(): Promise<void> {
    await this.deadLetters.ensureReady();
    const { topic, groupId } = this.options;
    const consumer = this.kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 15_000,
      heartbeatInterval: 1_000,
      retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    consumer.on(consumer.events.GROUP_JOIN, () => (this.joined = true));
    consumer.on(consumer.events.STOP, () => (this.joined = false));
    let crashedForGood = false;
    consumer.on(consumer.events.CRASH, (event) => {
      this.joined = false;
      this.logger.error(
        { error: event.payload.error.message, restart: event.payload.restart },
        'analytics consumer crashed',
      );
      if (event.payload.restart) return;
      crashedForGood = true;
      // A crash while joining comes before run() returns: connect() fails on it below.
      if (this.consumer === consumer) void this.replaceCrashed(consumer);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.eachBatch(payload),
      });
      if (crashedForGood) throw new Error('the consumer crashed while joining its group');
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    this.consumer = consumer;
    this.logger.log({ topic, groupId }, 'analytics consumer started');
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, isRunning, isStale, heartbeat, resolveOffset, commitOffsetsIfNecessary } =
      payload;
    const size = this.options.maxRecordsPerTransaction;
    for (let first = 0; first < batch.messages.length; first += size) {
      if (this.halted || !isRunning() || isStale()) return;
      const messages = batch.messages.slice(first, first + size);
      await this.handle(messages, batch.topic, batch.partition);
      const last = messages[messages.length - 1]!.offset;
      const at = { topic: batch.topic, partition: batch.partition, offset: last };
      if (
        this.options.beforeOffsetCommit &&
        !(await this.options.beforeOffsetCommit(at, messages.length))
      ) {
        this.halt();
        return;
      }
      const next = (BigInt(last) + 1n).toString();
      await commitOffsetsIfNecessary({
        topics: [
          { topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] },
        ],
      });
      resolveOffset(last);
      this.crashBackoff = FIRST_START_BACKOFF_MS;
      await heartbeat();
    }
  }

  private async handle(messages: KafkaMessage[], topic: string, partition: number): Promise<void> {
    const good: Array<{ record: Processable; at: RecordPosition; message: KafkaMessage }> = [];
    const poison: Array<{ message: KafkaMessage; at: RecordPosition; error: string }> = [];
    for (const message of messages) {
      const at = { topic, partition, offset: message.offset };
      const decoded = this.decoder.decode({
        key: message.key?.toString('utf8') ?? null,
        value: message.value,
        headers: textHeaders(message.headers),
      });
      if (decoded.kind === 'poison') poison.push({ message, at, error: decoded.error });
      else good.push({ record: decoded, at, message });
    }
    try {
      this.logSkipped(good, await this.processor.processAll(good));
    } catch (error) {
      if (!isRefusedData(error)) throw error;
      // One record's data is refused: find it, apply the rest one by one.
      for (const item of good) {
        try {
          this.logSkipped([item], [await this.processor.process(item.record, item.at)]);
        } catch (single) {
          if (!isRefusedData(single)) throw single;
          poison.push({
            message: item.message,
            at: item.at,
            error: `the projection refused the record (SQLSTATE ${(single as { code: string }).code})`,
          });
        }
      }
    }
    for (const { message, at, error } of poison) {
      await this.deadLetters.send(message, at, error);
      this.deadLettered += 1;
      // Where and why only: the record's value may hold anything.
      this.logger.warn({ ...at, error }, 'record dead-lettered');
    }
  }

  private logSkipped(
    items: ReadonlyArray<{ record: Processable; at: RecordPosition }>,
    results: readonly string[],
  ): void {
    items.forEach(({ record, at }, i) => {
      if (results[i] === 'skipped_unknown_type') {
        this.logger.log({ ...at, type: record.type }, 'unknown event type skipped');
      }
    });
  }

  /** The test hook's "crash": stop fetching, commit nothing more. */
  private halt(): void {
    this.halted = true;
    this.consumer?.pause([{ topic: this.options.topic }]);
  }
}

/**
 * The database refused the data itself (SQLSTATE class 22, a data exception such as a number out
 * of range, or 23502, a missing value): retrying won't help, unlike a lost connection.
 */
function isRefusedData(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code === '23502');
}
