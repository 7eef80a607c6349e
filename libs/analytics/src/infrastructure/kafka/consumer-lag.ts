import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka } from 'kafkajs';
import { withTimeout } from '@intake/platform';
import { ANALYTICS_OPTIONS, AnalyticsOptions } from '../../analytics-options';
import { ANALYTICS_KAFKA } from './analytics-kafka';

export interface PartitionLag {
  partition: number;
  /** The partition's high watermark: the offset the next record will get. */
  highWatermark: string;
  /** The group's committed offset (the next record it will read); null before its first commit. */
  committed: string | null;
  lag: number;
}

export interface ConsumerLagReport {
  total: number;
  partitions: PartitionLag[];
}

/**
 * The group's lag per partition: high watermark minus committed offset, or minus the low
 * watermark where the group has committed nothing yet (it starts from the beginning).
 */
@Injectable()
export class ConsumerLag implements OnApplicationShutdown {
  // One admin client, connected once and shared by concurrent probes.
  private admin: Promise<Admin> | null = null;

  constructor(
    @Inject(ANALYTICS_KAFKA) private readonly kafka: Kafka,
    @Inject(ANALYTICS_OPTIONS) private readonly options: AnalyticsOptions,
  ) {}

  /** Null when the broker does not answer within `timeoutMs`. */
  async report(timeoutMs = 3000): Promise<ConsumerLagReport | null> {
    const reading = this.read();
    try {
      return await withTimeout(reading, timeoutMs);
    } catch {
      reading.catch(() => undefined);
      await this.reset();
      return null;
    }
  }

  private async read(): Promise<ConsumerLagReport> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    const admin = await this.admin;
    const { topic, groupId } = this.options;
    const [watermarks, groupOffsets] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const committed = new Map(
      (groupOffsets[0]?.partitions ?? []).map((p) => [p.partition, p.offset]),
    );
    const partitions = watermarks
      .map((w): PartitionLag => {
        const offset = committed.get(w.partition);
        const has = offset !== undefined && Number(offset) >= 0;
        const from = has ? Number(offset) : Number(w.low);
        return {
          partition: w.partition,
          highWatermark: w.high,
          committed: has ? offset! : null,
          lag: Math.max(0, Number(w.high) - from),
        };
      })
      .sort((a, b) => a.partition - b.partition);
    return { total: partitions.reduce((sum, p) => sum + p.lag, 0), partitions };
  }

  private async reset(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reset();
  }
}
