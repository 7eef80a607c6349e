import { EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { AnalyticsOptions } from '../../analytics-options';
import { EventProcessor } from '../../application/consume-events/event-processor';
import {
  DecodedRecord,
  LeadEventDecoder,
} from '../../application/consume-events/lead-event-decoder';
import { DeadLetterPublisher } from './dead-letter-publisher';
import { LeadEventsConsumer } from './lead-events-consumer';

const OPTIONS: AnalyticsOptions = {
  databaseUrl: 'postgres://unused',
  brokers: [],
  clientId: 'test',
  topic: 'lead-events',
  groupId: 'analytics',
  deadLetterTopic: 'lead-events.dlq',
  autoStart: false,
};

const EVENT: DecodedRecord = {
  kind: 'event',
  eventId: 'e1',
  type: 'intake.lead.status_changed.v1',
  key: 'lead-1',
  sequence: 2,
  data: {},
};

/** A consumer whose collaborators record what happened, in order. */
function consumerWith(
  decoded: DecodedRecord,
  options: Partial<AnalyticsOptions> = {},
  deadLetterFails = false,
) {
  const calls: string[] = [];
  const decoder = { decode: () => decoded } as unknown as LeadEventDecoder;
  const processor = {
    process: async () => (calls.push('transaction'), 'projected'),
  } as unknown as EventProcessor;
  const deadLetters = {
    send: async (_m: KafkaMessage, _at: unknown, error: string) => {
      calls.push(`dead-letter: ${error}`);
      if (deadLetterFails) throw new Error('broker down');
    },
  } as unknown as DeadLetterPublisher;
  const consumer = new LeadEventsConsumer(
    {} as Kafka,
    { ...OPTIONS, ...options },
    decoder,
    processor,
    deadLetters,
  );
  const payload = {
    batch: {
      topic: 'lead-events',
      partition: 2,
      messages: [
        { offset: '41', key: Buffer.from('lead-1'), value: Buffer.from('{}'), headers: {} },
      ],
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
  it('commits the next offset only after the record’s transaction', async () => {
    const { calls, eachBatch } = consumerWith(EVENT);
    await eachBatch();
    expect(calls).toEqual(['transaction', 'commit 42', 'resolve 41']);
  });

  it('commits a poison record’s offset once the dead-letter topic has it', async () => {
    const { calls, eachBatch } = consumerWith({ kind: 'poison', error: 'value is not JSON' });
    await eachBatch();
    expect(calls).toEqual(['dead-letter: value is not JSON', 'commit 42', 'resolve 41']);
  });

  it('commits nothing when the dead-letter send fails, so the record comes again', async () => {
    const { calls, eachBatch } = consumerWith({ kind: 'poison', error: 'bad' }, {}, true);
    await expect(eachBatch()).rejects.toThrow('broker down');
    expect(calls).toEqual(['dead-letter: bad']);
  });

  it('commits nothing after the test hook stops it between the two commits', async () => {
    const { calls, eachBatch } = consumerWith(EVENT, { beforeOffsetCommit: () => false });
    await eachBatch();
    expect(calls).toEqual(['transaction']);
  });
});
