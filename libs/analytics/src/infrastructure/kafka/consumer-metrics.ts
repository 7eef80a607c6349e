import { Injectable } from '@nestjs/common';
import { Metrics } from '@intake/platform';
import { ConsumerLag } from './consumer-lag';
import { LeadEventsConsumer } from './lead-events-consumer';

/** As long as readiness waits: well within Prometheus's default scrape timeout (10 s). */
const LAG_TIMEOUT_MS = 3_000;

/**
 * The consumer's gauges, read at scrape time: the group's lag per partition from the broker (high
 * watermark minus committed offset, as the readiness check reports it), whether the consumer
 * runs, and what it dead-lettered.
 */
@Injectable()
export class ConsumerMetrics {
  constructor(metrics: Metrics, lag: ConsumerLag, consumer: LeadEventsConsumer) {
    metrics.gauge<'topic' | 'group' | 'partition'>({
      name: 'intake_analytics_consumer_lag',
      help: 'Records of the topic the analytics group has not committed yet, per partition; absent while the broker does not answer.',
      labelNames: ['topic', 'group', 'partition'],
      async collect() {
        const report = await lag.report(LAG_TIMEOUT_MS);
        const { topic, groupId: group } = consumer.status();
        this.reset();
        for (const p of report?.partitions ?? []) {
          this.set({ topic, group, partition: String(p.partition) }, p.lag);
        }
      },
    });
    metrics.gauge({
      name: 'intake_analytics_consumer_running',
      help: '1 while the analytics consumer is a member of its group and fetching, else 0.',
      collect() {
        this.set(consumer.status().running ? 1 : 0);
      },
    });
    metrics.counter({
      name: 'intake_analytics_dead_lettered_total',
      help: 'Records this process sent to the dead-letter topic.',
      collect() {
        this.reset();
        this.inc(consumer.status().deadLettered);
      },
    });
  }
}
