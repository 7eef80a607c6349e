import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { ANALYTICS_OPTIONS, AnalyticsOptions } from '../../analytics-options';
import { EventProcessor } from '../../application/consume-events/event-processor';
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

const MAX_START_BACKOFF_MS = 30_000;

/**
 * The analytics consumer group. Each record: decode, then one Postgres transaction (dedupe by
 * `ce_id` and the projection), then the offset after it is committed. A record that cannot be
 * processed goes to the dead-letter topic first and its offset is committed after the broker
 * has it; if that send fails, nothing is committed and the record comes again.
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
  private wakeUp: (() => void) | null = null;

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
    this.starting ??= this.startWithRetries().finally(() => (this.starting = null));
    return this.starting;
  }

  /** Leaves the group after the record in progress (its transaction and offset commit) is done. */
  async stop(): Promise<void> {
    this.wanted = false;
    this.wakeUp?.();
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

  private async startWithRetries(): Promise<void> {
    for (let backoff = 500; this.wanted && !this.consumer;) {
      try {
        await this.connect();
      } catch (error) {
        this.logger.warn(
          { error: error instanceof Error ? error.message : String(error), retryInMs: backoff },
          'analytics consumer could not start',
        );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, backoff);
          this.wakeUp = () => (clearTimeout(timer), resolve());
        });
        this.wakeUp = null;
        backoff = Math.min(backoff * 2, MAX_START_BACKOFF_MS);
      }
    }
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
    consumer.on(consumer.events.CRASH, (event) => {
      this.joined = false;
      this.logger.error(
        { error: event.payload.error.message, restart: event.payload.restart },
        'analytics consumer crashed',
      );
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.eachBatch(payload),
      });
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
    for (const message of batch.messages) {
      if (this.halted || !isRunning() || isStale()) return;
      const at = { topic: batch.topic, partition: batch.partition, offset: message.offset };
      await this.handle(message, at);
      if (this.options.beforeOffsetCommit && !(await this.options.beforeOffsetCommit(at))) {
        this.halt();
        return;
      }
      const next = (BigInt(message.offset) + 1n).toString();
      await commitOffsetsIfNecessary({
        topics: [
          { topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] },
        ],
      });
      resolveOffset(message.offset);
      await heartbeat();
    }
  }

  private async handle(message: KafkaMessage, at: RecordPosition): Promise<void> {
    const decoded = this.decoder.decode({
      key: message.key?.toString('utf8') ?? null,
      value: message.value,
      headers: textHeaders(message.headers),
    });
    if (decoded.kind === 'poison') {
      await this.deadLetters.send(message, at, decoded.error);
      this.deadLettered += 1;
      // Where and why only: the record's value may hold anything.
      this.logger.warn({ ...at, error: decoded.error }, 'record dead-lettered');
      return;
    }
    const result = await this.processor.process(decoded, at);
    if (result === 'skipped_unknown_type') {
      this.logger.log({ ...at, type: decoded.type }, 'unknown event type skipped');
    }
  }

  /** The test hook's "crash": stop fetching, commit nothing more. */
  private halt(): void {
    this.halted = true;
    this.consumer?.pause([{ topic: this.options.topic }]);
  }
}

function textHeaders(headers: IHeaders | undefined): Record<string, string | undefined> {
  const text: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    text[name] = first === undefined ? undefined : first.toString();
  }
  return text;
}
