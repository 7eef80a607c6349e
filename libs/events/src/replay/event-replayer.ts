import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RowOf, sql } from '@intake/platform';
import { OUTBOX_RECORD, outbox, outboxRetention } from '../infrastructure/events.tables';
import { OutboxRecord } from '../infrastructure/kafka/cloud-events';
import {
  createKafka,
  KafkaConnection,
  withClientSuffix,
} from '../infrastructure/kafka/kafka-client';
import { KafkaPublisher, TopicSettings } from '../infrastructure/kafka/kafka-publisher';

export const REPLAY_OPTIONS = Symbol('REPLAY_OPTIONS');

export interface ReplayOptions {
  kafka: KafkaConnection;
  /** Where a replay goes unless told otherwise: the live topic. */
  defaultTopic: string;
  /** Used only when the target topic does not exist yet. */
  partitions: number;
  /** Absent: the cluster's `default.replication.factor`. */
  replicationFactor?: number;
}

export interface ReplayRequest {
  from: Date;
  to?: Date | null;
  leadId?: string | null;
  topic?: string | null;
}

export interface ReplayOutcome {
  topic: string;
  published: number;
  keys: number;
  /**
   * Every published event that happened from then on is still kept (the pruner has deleted
   * only events published before it); null when nothing has been pruned yet.
   */
  completeFrom: Date | null;
}

const PAGE = 500;

// Published events only, in the order they were written (per key, that is sequence order).
const PAGE_QUERY = sql<
  { from: Date; to: Date | null; leadId: string | null; after: string; last: string },
  OutboxRecord
>(`
  SELECT ${outbox.select(OUTBOX_RECORD, 'o')}
    FROM outbox o
   WHERE o.published_at IS NOT NULL
     AND o.occurred_at >= :from
     AND (:to::timestamptz IS NULL OR o.occurred_at < :to)
     AND (:leadId::text IS NULL OR o.partition_key = :leadId)
     AND o.seq > :after
     AND o.seq <= :last
   ORDER BY o.seq
   LIMIT ${PAGE}`);

const LAST_SEQ = sql<Record<string, never>, { last: string }>(
  'SELECT coalesce(max(seq), 0) AS last FROM outbox',
);

const RETENTION = sql<
  Record<string, never>,
  Pick<RowOf<typeof outboxRetention.columns>, 'completeFrom'>
>(`SELECT ${outboxRetention.select(['completeFrom'])} FROM outbox_retention`);

/**
 * Republishes events kept in the outbox (published ones, for `OUTBOX_RETENTION_HOURS`) exactly as
 * they first went out: same id, key, sequence, headers and payload, so consumers that dedupe on
 * the event id can rebuild from them safely, on the live topic or on one of their own.
 */
@Injectable()
export class EventReplayer {
  private readonly logger = new Logger(EventReplayer.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(REPLAY_OPTIONS) private readonly options: ReplayOptions,
  ) {}

  async replay(request: ReplayRequest): Promise<ReplayOutcome> {
    const topic = request.topic ?? this.options.defaultTopic;
    const settings: TopicSettings = {
      topic,
      partitions: this.options.partitions,
      replicationFactor: this.options.replicationFactor,
    };
    const publisher = new KafkaPublisher(
      createKafka(withClientSuffix(this.options.kafka, 'replay')),
      settings,
    );
    const keys = new Set<string>();
    let published = 0;
    let after = '0';
    // What was written by the time it started: the relay keeps publishing meanwhile, and a replay
    // without --to must end.
    const { last } = (await LAST_SEQ.one(this.dataSource.manager, {}))!;
    try {
      await publisher.ensureReady();
      for (;;) {
        const records = await PAGE_QUERY.rows(this.dataSource.manager, {
          from: request.from,
          to: request.to ?? null,
          leadId: request.leadId ?? null,
          after,
          last,
        });
        if (records.length === 0) break;
        for (const group of publisher.byPartition(records)) await publisher.publish(group);
        for (const record of records) keys.add(record.partitionKey);
        published += records.length;
        after = records[records.length - 1]!.seq;
      }
    } finally {
      await publisher.reset();
    }
    const retention = await RETENTION.one(this.dataSource.manager, {});
    this.logger.log({ topic, published, keys: keys.size }, 'events replayed');
    return { topic, published, keys: keys.size, completeFrom: retention?.completeFrom ?? null };
  }
}
