import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Gauge } from 'prom-client';
import { filter, finalize, map, Observable, share } from 'rxjs';
import { Metrics, PostgresConnection, PostgresListener } from '@intake/platform';
import { LEAD_CHANGES_CHANNEL, LeadChange, parseLeadChange } from './lead-change';
import { queueStream, QueueStreamEvent } from './queue-stream';

export const LIVE_UPDATES_OPTIONS = Symbol('LIVE_UPDATES_OPTIONS');

export interface LiveUpdatesOptions {
  database: PostgresConnection;
  /** Milliseconds between heartbeat comments on an open stream. */
  heartbeatMs: number;
}

/**
 * The api instance's one listener on `intake_lead_changes`, fanned out to every open queue stream
 * in the process.
 *
 * Why PostgreSQL LISTEN/NOTIFY rather than the Kafka topic: every api instance connected to the
 * database hears every committed change, with no broker hop and no relay delay; NOTIFY from the
 * writing transaction is delivered on commit and never for a rollback; and the triggers see
 * every change with its owner and previous owner. Reading the topic would add the relay's lag,
 * need a consumer group per api instance, and not every event names the lead's owner.
 */
@Injectable()
export class QueueChanges implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(QueueChanges.name);
  private readonly listener: PostgresListener;
  private readonly changes: Observable<LeadChange>;
  private readonly openStreams: Gauge;

  constructor(
    @Inject(LIVE_UPDATES_OPTIONS) private readonly options: LiveUpdatesOptions,
    metrics: Metrics,
  ) {
    this.listener = new PostgresListener({
      database: options.database,
      applicationName: 'intake-api-live',
      channel: LEAD_CHANGES_CHANNEL,
    });
    this.changes = this.listener.notifications.pipe(
      map((payload) => {
        const change = parseLeadChange(payload);
        if (!change) this.logger.warn({ bytes: payload.length }, 'unreadable lead change dropped');
        return change;
      }),
      filter((change): change is LeadChange => change !== null),
      share(),
    );
    this.openStreams = metrics.gauge({
      name: 'intake_live_streams_open',
      help: 'Queue streams (GET /v1/me/queue/stream) open on this api instance.',
    });
    const listener = this.listener;
    metrics.gauge({
      name: 'intake_live_listener_up',
      help: '1 while this api instance LISTENs for lead changes; 0 while it reconnects (its streams then end, and clients reconnect and refetch).',
      // Several api processes behind one port: 1 only while every one of them listens.
      aggregator: 'min',
      collect() {
        this.set(listener.isListening ? 1 : 0);
      },
    });
  }

  onApplicationBootstrap(): void {
    this.listener.start();
  }

  /** Before the HTTP server closes, which waits for open streams: they end here. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.listener.stop();
  }

  /** One person's stream: `ready`, their leads' changes, heartbeats (see queueStream). */
  forStaff(staffId: string): Observable<QueueStreamEvent> {
    return new Observable<QueueStreamEvent>((subscriber) => {
      this.openStreams.inc();
      return queueStream(staffId, this.listener.listening, this.changes, this.options.heartbeatMs)
        .pipe(finalize(() => this.openStreams.dec()))
        .subscribe(subscriber);
    });
  }
}
