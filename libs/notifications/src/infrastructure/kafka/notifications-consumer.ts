import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import {
  createKafka,
  EVENT_TYPES,
  EventType,
  PublishedEvent,
  textHeaders,
  Wakeup,
  withClientSuffix,
} from '@intake/events';
import { Clock, IdGenerator, TransactionRunner } from '@intake/platform';
import { EventHandling } from '../../application/react-to-events/event-handling';
import type { ReceivedEvent } from '../../application/react-to-events/event-reaction';
import { NOTIFICATIONS_OPTIONS, NotificationsOptions } from '../../notifications-options';
import { ParkedEventOrmEntity } from '../parked-event.orm-entity';

const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);
const MAX_RESTART_BACKOFF_MS = 30_000;

type Decoded =
  | { kind: 'event'; event: ReceivedEvent }
  | { kind: 'unknown_type' }
  | { kind: 'poison'; error: string };

export interface NotificationsConsumerStatus {
  running: boolean;
  topic: string;
  groupId: string;
  /** Records parked by this process since it started. */
  parked: number;
}

/**
 * The notifications consumer group on the lead-events topic: each record is handed to
 * `EventHandling` (once per event id, every reaction in one transaction) and its offset is
 * committed after. A record that fails is tried again with a doubling wait; after the last
 * attempt it is parked in `notification_parked_events` and its partition goes on. A record that
 * cannot be read (no CloudEvents headers, not JSON) is parked at once; an unknown type is
 * skipped. If even parking fails (the database is down), nothing is committed: the consumer
 * starts again after a backoff and the record comes again.
 */
/** How many of the topic's partitions are handled at once (the pool has room for them). */
const PARTITIONS_AT_ONCE = 3;

@Injectable()
export class NotificationsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationsConsumer.name);
  private readonly kafka: Kafka;
  private consumer: Consumer | null = null;
  private wanted = false;
  private joined = false;
  private parked = 0;
  private restartBackoff = 500;
  private restartTimer: NodeJS.Timeout | null = null;
  private starting: Promise<void> | null = null;
  /** Cut short by stop(): a backoff never outlives the consumer. */
  private readonly wakeup = new Wakeup();

  constructor(
    private readonly handling: EventHandling,
    private readonly tx: TransactionRunner,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    @Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions,
  ) {
    this.kafka = createKafka(withClientSuffix(options.consumer!.kafka, 'notifications'));
  }

  onApplicationBootstrap(): void {
    if (this.options.consumer!.autoStart) void this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Joins the group; while the broker or topic is missing, tries again with a growing wait. */
  async start(): Promise<void> {
    if (this.wanted && this.starting) return this.starting;
    this.wanted = true;
    this.starting = this.startLoop().finally(() => (this.starting = null));
    return this.starting;
  }

  private async startLoop(): Promise<void> {
    while (this.wanted && !this.consumer) {
      try {
        await this.connect();
      } catch (error) {
        this.logger.warn(
          { error: error instanceof Error ? error.message : String(error) },
          'notifications consumer could not start',
        );
        await this.sleep(this.nextBackoff());
      }
    }
  }

  /** Waits, unless stop() wakes it up first. */
  private sleep(ms: number): Promise<void> {
    return this.wakeup.wait(ms);
  }

  async stop(): Promise<void> {
    this.wanted = false;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.wakeup.signal();
    await this.starting;
    const consumer = this.consumer;
    this.consumer = null;
    this.joined = false;
    await consumer?.disconnect().catch(() => undefined);
  }

  status(): NotificationsConsumerStatus {
    const { topic, groupId } = this.options.consumer!;
    return { running: this.joined && this.consumer !== null, topic, groupId, parked: this.parked };
  }

  private nextBackoff(): number {
    const wait = this.restartBackoff;
    this.restartBackoff = Math.min(this.restartBackoff * 2, MAX_RESTART_BACKOFF_MS);
    return wait;
  }

  private async connect(): Promise<void> {
    const { topic, groupId } = this.options.consumer!;
    const consumer = this.kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 1_000,
    });
    consumer.on(consumer.events.GROUP_JOIN, () => (this.joined = true));
    consumer.on(consumer.events.STOP, () => (this.joined = false));
    consumer.on(consumer.events.CRASH, (event) => {
      this.joined = false;
      this.logger.error(
        { error: event.payload.error.message, restart: event.payload.restart },
        'notifications consumer crashed',
      );
      // kafkajs restarts it after a retriable error; after any other it is gone for good.
      if (event.payload.restart || this.consumer !== consumer) return;
      this.consumer = null;
      void consumer.disconnect().catch(() => undefined);
      if (this.wanted) {
        this.restartTimer = setTimeout(() => void this.start(), this.nextBackoff());
      }
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        // Partitions side by side (each still in order): one at a time could not keep up with
        // a campaign's four or so events per lead (bench:alerts).
        partitionsConsumedConcurrently: PARTITIONS_AT_ONCE,
        eachBatch: (payload) => this.eachBatch(payload),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    if (!this.wanted) {
      // stop() came while joining.
      await consumer.disconnect().catch(() => undefined);
      return;
    }
    this.consumer = consumer;
    this.logger.log({ topic, groupId }, 'notifications consumer started');
  }

  /**
   * A partition's batch, record after record (a lead's events stay in order). The offset is
   * committed once per batch, after the last record dealt with, not once per record: a record
   * that comes again after a crash is a duplicate the inbox drops.
   */
  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, isRunning, isStale, heartbeat, resolveOffset, commitOffsetsIfNecessary } =
      payload;
    let next: string | null = null;
    try {
      for (const message of batch.messages) {
        if (!isRunning() || isStale()) return;
        const done = await this.process(
          message,
          batch.topic,
          batch.partition,
          heartbeat,
          isRunning,
        );
        if (!done) return;
        next = (BigInt(message.offset) + 1n).toString();
        resolveOffset(message.offset);
        this.restartBackoff = 500;
        await heartbeat();
      }
    } finally {
      if (next !== null) {
        await commitOffsetsIfNecessary({
          topics: [
            { topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] },
          ],
        });
      }
    }
  }

  /** True when the record is dealt with (handled, duplicate, skipped or parked). */
  private async process(
    message: KafkaMessage,
    topic: string,
    partition: number,
    heartbeat: () => Promise<void>,
    isRunning: () => boolean,
  ): Promise<boolean> {
    const headers = textHeaders(message.headers);
    const decoded = decodeRecord(headers, message.value);
    if (decoded.kind === 'unknown_type') return true;
    if (decoded.kind === 'poison') {
      await this.park(message, headers, topic, partition, decoded.error, 1);
      return true;
    }
    const { maxAttempts, firstBackoffMs } = this.options.consumer!;
    let lastError = '';
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      try {
        await this.handling.handle(decoded.event);
        return true;
      } catch (error) {
        lastError = errorText(error);
        this.logger.warn(
          {
            topic,
            partition,
            offset: message.offset,
            type: decoded.event.type,
            attempt,
            error: lastError,
          },
          'notifications could not handle an event',
        );
        if (attempt === maxAttempts) break;
        await new Promise((resolve) => setTimeout(resolve, firstBackoffMs * 2 ** (attempt - 1)));
        if (!isRunning()) return false;
        await heartbeat();
      }
    }
    await this.park(message, headers, topic, partition, lastError, maxAttempts);
    return true;
  }

  private async park(
    message: KafkaMessage,
    headers: Record<string, string | undefined>,
    topic: string,
    partition: number,
    error: string,
    attempts: number,
  ): Promise<void> {
    await this.tx
      .manager()
      .getRepository(ParkedEventOrmEntity)
      .insert({
        id: this.ids.next(),
        eventId: headers.ce_id ?? null,
        type: headers.ce_type ?? null,
        topic,
        partition,
        offset: message.offset,
        key: message.key?.toString('utf8') ?? null,
        value: message.value?.toString('utf8') ?? null,
        headers,
        error,
        attempts,
        parkedAt: this.clock.now(),
      });
    this.parked += 1;
    this.logger.warn(
      { topic, partition, offset: message.offset, type: headers.ce_type, error },
      'notifications parked a record',
    );
  }
}

export function decodeRecord(
  headers: Record<string, string | undefined>,
  value: Buffer | null,
): Decoded {
  const type = headers.ce_type;
  if (!type || !headers.ce_id) return { kind: 'poison', error: 'missing ce_type or ce_id header' };
  if (!KNOWN_TYPES.has(type)) return { kind: 'unknown_type' };
  let payload: unknown;
  try {
    payload = JSON.parse(value?.toString('utf8') ?? '');
  } catch {
    // Not the parser's message: it quotes the value.
    return { kind: 'poison', error: 'value is not JSON' };
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return { kind: 'poison', error: 'value is not a JSON object' };
  }
  const event = payload as PublishedEvent;
  if (event.eventId !== headers.ce_id)
    return { kind: 'poison', error: 'eventId differs from ce_id' };
  return { kind: 'event', event: { type: type as EventType, payload: event } };
}

/** The error's class and SQLSTATE, and its message cut short. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 300);
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` (${code})` : ''}: ${error.message}`.slice(
    0,
    300,
  );
}
