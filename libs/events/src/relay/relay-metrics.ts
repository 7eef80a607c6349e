import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { DURATION_BUCKETS, Metrics } from '@intake/platform';

/** What the relay counts as it sends: one produce request per partition group. */
@Injectable()
export class RelayMetrics {
  readonly sendDuration: Histogram<'result'>;
  readonly sendFailures: Counter<'reason'>;
  readonly published: Counter;
  readonly parked: Counter<'reason'>;

  constructor(metrics: Metrics) {
    this.sendDuration = metrics.histogram({
      name: 'intake_relay_send_duration_seconds',
      help: 'Produce requests the relay sent, by result (ok, failed): time until the broker answered.',
      labelNames: ['result'],
      buckets: DURATION_BUCKETS,
    });
    this.sendFailures = metrics.counter({
      name: 'intake_relay_send_failures_total',
      help: 'Produce requests that failed, by reason: KAFKA.UNAVAILABLE (broker out of reach) or the refusal code (KAFKA.MESSAGE_TOO_LARGE, ...).',
      labelNames: ['reason'],
    });
    this.published = metrics.counter({
      name: 'intake_relay_events_published_total',
      help: 'Outbox records the broker acknowledged.',
    });
    this.parked = metrics.counter({
      name: 'intake_relay_events_parked_total',
      help: 'Outbox records this process parked after RELAY_MAX_ATTEMPTS refusals, by reason code.',
      labelNames: ['reason'],
    });
    this.sendDuration.zero({ result: 'ok' });
    this.sendDuration.zero({ result: 'failed' });
  }
}
