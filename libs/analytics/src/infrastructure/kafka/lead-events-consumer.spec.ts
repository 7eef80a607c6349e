import { EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { AnalyticsOptions } from '../../analytics-options';
import { EventProcessor, Processable } from '../../application/consume-events/event-processor';
import {
  DecodedRecord,
  LeadEventDecoder,
  RawRecord,
} from '../../application/consume-events/lead-event-decoder';
import { RecordPosition } from '../projection.repository';
import { DeadLetterPublisher } from './dead-letter-publisher';
import { LeadEventsConsumer } from './lead-events-consumer';

const OPTIONS: AnalyticsOptions = {
  database: { connectionString: 'postgres://unused', ssl: false },
  kafka: { brokers: [], clientId: 'test' },
  topic: 'lead-events',
  groupId: 'analytics',
  deadLetterTopic: 'lead-events.dlq',
  autoStart: false,
  maxRecordsPerTransaction: 2,
};

/** The record at each offset decodes to an event whose id is its offset, unless told otherwise. */
function event(offset: string): DecodedRecord {
  return {
    kind: 'event',
    eventId: `e${offset}`,
    type: 'intake.lead.status_changed.v1',
    key: 'lead-1',
    sequence: Number(offset),
    data: {},
  };
}

interface Setup {
  offsets?: string[];
  poison?: Record<string, string>;
  options?: Partial<AnalyticsOptions>;
  deadLetterFails?: boolean;
  /** Event ids whose data the database refuses (SQLSTATE 22003) when applied. */
  refused?: string[];
  /** The database is unreachable. */
  databaseDown?: boolean;
}

/** A consumer whose collaborators record what happened, in order. */
function consumerWith(setup: Setup = {}) {
  const calls: string[] = [];
  const offsets = setup.offsets ?? ['41', '42', '43'];
  const decoder = {
    decode: (raw: RawRecord) => {
      const offset = raw.key!;
      const error = setup.poison?.[offset];
      return error ? { kind: 'poison', error } : event(offset);
    },
  } as unknown as LeadEventDecoder;
  const apply = (record: Processable) => {
    if (setup.databaseDown) throw Object.assign(new Error('connection lost'), { code: '08006' });
    if (setup.refused?.includes(record.eventId)) {
      throw Object.assign(new Error('integer out of range'), { code: '22003' });
    }
  };
  const processor = {
    processAll: async (items: Array<{ record: Processable; at: RecordPosition }>) => {
      items.forEach(({ record }) => apply(record));
      calls.push(`transaction ${items.map(({ at }) => at.offset).join(',')}`);
      return items.map(() => 'projected');
    },
    process: async (record: Processable, at: RecordPosition) => {
      apply(record);
      calls.push(`transaction ${at.offset}`);
      return 'projected';
    },
  } as unknown as EventProcessor;
  const deadLetters = {
    send: async (_m: KafkaMessage, at: RecordPosition, error: string) => {
      calls.push(`dead-letter ${at.offset}: ${error}`);
      if (setup.deadLetterFails) throw new Error('broker down');
    },
  } as unknown as DeadLetterPublisher;
  const consumer = new LeadEventsConsumer(
    {} as Kafka,
    { ...OPTIONS, ...setup.options },
    decoder,
    processor,
    deadLetters,
  );
  const payload = {
    batch: {
      topic: 'lead-events',
      partition: 2,
      // The key carries the offset so the fake decoder knows which record it has.
      messages: offsets.map((offset) => ({
        offset,
        key: Buffer.from(offset),
        value: Buffer.from('{}'),
        headers: {},
      })),
    },
    isRunning: () => true,
    isStale: () => false,
    heartbeat: async () => undefined,
    resolveOffset: (offset: string) => calls.push(`resolve ${offset}`),
    commitOffsetsIfNecessary: async (offsets: {
      topics: Array<{ partitions: Array<{ offset: string }> }>;
    }) => calls.push(`commit ${offsets.topics[0]!.partitions[0]!.offset}`),
  } as unknown as EachBatchPayload;
  const eachBatch = () =>
    (consumer as unknown as { eachBatch(p: EachBatchPayload): Promise<void> }).eachBatch(payload);
  return { calls, eachBatch };
}

describe('LeadEventsConsumer', () => {
  it('applies up to the batch size in one transaction and commits the next offset only after it', async () => {
    const { calls, eachBatch } = consumerWith();
    await eachBatch();
    expect(calls).toEqual([
      'transaction 41,42',
      'commit 43',
      'resolve 42',
      'transaction 43',
      'commit 44',
      'resolve 43',
    ]);
  });

  it('commits past a poison record once the dead-letter topic has it', async () => {
    const { calls, eachBatch } = consumerWith({ poison: { '42': 'value is not JSON' } });
    await eachBatch();
    expect(calls).toEqual([
      'transaction 41',
      'dead-letter 42: value is not JSON',
      'commit 43',
      'resolve 42',
      'transaction 43',
      'commit 44',
      'resolve 43',
    ]);
  });

  it('commits nothing when the dead-letter send fails, so the records come again', async () => {
    const { calls, eachBatch } = consumerWith({ poison: { '41': 'bad' }, deadLetterFails: true });
    await expect(eachBatch()).rejects.toThrow('broker down');
    expect(calls).toEqual(['transaction 42', 'dead-letter 41: bad']);
  });

  it('dead-letters only the record whose data the database refuses, and applies the rest', async () => {
    const { calls, eachBatch } = consumerWith({ refused: ['e42'] });
    await eachBatch();
    expect(calls).toEqual([
      'transaction 41',
      'dead-letter 42: the projection refused the record (SQLSTATE 22003)',
      'commit 43',
      'resolve 42',
      'transaction 43',
      'commit 44',
      'resolve 43',
    ]);
  });

  it('commits nothing while the database is unreachable, so the records come again', async () => {
    const { calls, eachBatch } = consumerWith({ databaseDown: true });
    await expect(eachBatch()).rejects.toThrow('connection lost');
    expect(calls).toEqual([]);
  });

  it('commits nothing after the test hook stops it between the two commits', async () => {
    const seen: Array<[string, number]> = [];
    const { calls, eachBatch } = consumerWith({
      options: {
        beforeOffsetCommit: (at, records) => {
          seen.push([at.offset, records]);
          return false;
        },
      },
    });
    await eachBatch();
    expect(calls).toEqual(['transaction 41,42']);
    expect(seen).toEqual([['42', 2]]);
  });

  describe('after kafkajs crashes it for good (restart: false)', () => {
    const EVENTS = { GROUP_JOIN: 'group_join', STOP: 'stop', CRASH: 'crash' } as const;

    /** A kafka whose consumers record what is done to them and can be made to emit events. */
    function fakeKafka(setup: { crashesWhileJoining?: number } = {}) {
      const consumers: Array<{
        calls: string[];
        emit(event: string, payload?: unknown): void;
      }> = [];
      const kafka = {
        consumer: () => {
          const listeners = new Map<string, (event: { payload: unknown }) => void>();
          const calls: string[] = [];
          const emit = (event: string, payload?: unknown) => listeners.get(event)?.({ payload });
          // kafkajs reports a crash in the first join before run() returns.
          const crashesInRun = consumers.length < (setup.crashesWhileJoining ?? 0);
          consumers.push({ calls, emit });
          return {
            events: EVENTS,
            on: (event: string, listener: (event: { payload: unknown }) => void) =>
              listeners.set(event, listener),
            connect: async () => calls.push('connect'),
            subscribe: async () => calls.push('subscribe'),
            run: async () => {
              calls.push('run');
              if (crashesInRun) emit(EVENTS.CRASH, { error: new Error('x'), restart: false });
            },
            disconnect: async () => calls.push('disconnect'),
          };
        },
      } as unknown as Kafka;
      const deadLetters = { ensureReady: async () => undefined } as DeadLetterPublisher;
      const consumer = new LeadEventsConsumer(
        kafka,
        OPTIONS,
        {} as LeadEventDecoder,
        {} as EventProcessor,
        deadLetters,
      );
      const crash = (restart: boolean) =>
        consumers[consumers.length - 1]!.emit(EVENTS.CRASH, {
          error: new TypeError('Cannot read properties of undefined'),
          groupId: OPTIONS.groupId,
          restart,
        });
      return { consumer, consumers, crash };
    }

    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('disconnects it and starts a new consumer after a backoff', async () => {
      const { consumer, consumers, crash } = fakeKafka();
      await consumer.start();
      consumers[0]!.emit(EVENTS.GROUP_JOIN);
      expect(consumer.status().running).toBe(true);

      crash(false);
      await jest.advanceTimersByTimeAsync(0);
      expect(consumers[0]!.calls).toEqual(['connect', 'subscribe', 'run', 'disconnect']);
      expect(consumer.status().running).toBe(false);
      expect(consumers).toHaveLength(1);

      await jest.advanceTimersByTimeAsync(500);
      expect(consumers).toHaveLength(2);
      expect(consumers[1]!.calls).toEqual(['connect', 'subscribe', 'run']);
      consumers[1]!.emit(EVENTS.GROUP_JOIN);
      expect(consumer.status().running).toBe(true);

      await consumer.stop();
      expect(consumers[1]!.calls).toContain('disconnect');
    });

    it('waits longer after each crash that follows another without a commit', async () => {
      const { consumer, consumers, crash } = fakeKafka();
      await consumer.start();
      crash(false);
      await jest.advanceTimersByTimeAsync(500);
      expect(consumers).toHaveLength(2);
      crash(false);
      await jest.advanceTimersByTimeAsync(999);
      expect(consumers).toHaveLength(2);
      await jest.advanceTimersByTimeAsync(1);
      expect(consumers).toHaveLength(3);
      await consumer.stop();
    });

    it('starts no new consumer when stopped during the backoff', async () => {
      const { consumer, consumers, crash } = fakeKafka();
      await consumer.start();
      crash(false);
      await jest.advanceTimersByTimeAsync(0);
      await consumer.stop();
      await jest.advanceTimersByTimeAsync(60_000);
      expect(consumers).toHaveLength(1);
    });

    it('leaves the restart to kafkajs when it restarts the consumer itself', async () => {
      const { consumer, consumers, crash } = fakeKafka();
      await consumer.start();
      crash(true);
      await jest.advanceTimersByTimeAsync(60_000);
      expect(consumers).toHaveLength(1);
      expect(consumers[0]!.calls).not.toContain('disconnect');
      await consumer.stop();
    });

    it('starts again, after a backoff, when it crashed while joining', async () => {
      const { consumer, consumers } = fakeKafka({ crashesWhileJoining: 1 });
      const started = consumer.start();
      await jest.advanceTimersByTimeAsync(0);
      expect(consumers[0]!.calls).toEqual(['connect', 'subscribe', 'run', 'disconnect']);
      expect(consumers).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(500);
      await started;
      expect(consumers).toHaveLength(2);
      expect(consumers[1]!.calls).toEqual(['connect', 'subscribe', 'run']);
      consumers[1]!.emit(EVENTS.GROUP_JOIN);
      expect(consumer.status().running).toBe(true);
      await consumer.stop();
    });
  });
});
