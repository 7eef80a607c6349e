import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { BehaviorSubject, distinctUntilChanged, Observable, Subject } from 'rxjs';
import { loggableError } from '../logging/loggable-error';
import { PostgresConnection } from './postgres-connection';

export interface PostgresListenerOptions {
  database: PostgresConnection;
  /** Shown in pg_stat_activity, so an operator (or a test) can find the connection. */
  applicationName: string;
  /** A channel name: lower-case letters, digits and underscores. */
  channel: string;
  /** First wait before reconnecting; it doubles up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often the idle connection is checked with a query, so a silently dead one is noticed. */
  pingIntervalMs?: number;
}

/**
 * One dedicated connection (never a pool's: a pooled one goes back to the pool and its LISTEN
 * with it) that LISTENs on one channel and hands each notification's payload to every subscriber
 * in the process. When the connection is lost it reconnects with a capped, jittered backoff and
 * LISTENs again; notifications sent while it was away are lost, so `listening` says when it is
 * up, for subscribers to catch up from the database when it comes back.
 */
export class PostgresListener {
  private readonly logger = new Logger(PostgresListener.name);
  private readonly payloads = new Subject<string>();
  private readonly up = new BehaviorSubject(false);
  private client: Client | null = null;
  private running = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly pingIntervalMs: number;

  /** Every notification's payload, as it arrives. */
  readonly notifications: Observable<string> = this.payloads.asObservable();
  /** Whether LISTEN is in effect now; the current value first. */
  readonly listening: Observable<boolean> = this.up.pipe(distinctUntilChanged());

  constructor(private readonly options: PostgresListenerOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) {
      throw new Error(`Not a channel name: ${options.channel}`);
    }
    this.minBackoffMs = options.minBackoffMs ?? 250;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
    this.pingIntervalMs = options.pingIntervalMs ?? 30_000;
  }

  get isListening(): boolean {
    return this.up.value;
  }

  /** Connects in the background; `listening` turns true once LISTEN is in effect. */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.drop();
    this.payloads.complete();
    this.up.complete();
  }

  private async connect(): Promise<void> {
    this.retryTimer = null;
    const client = new Client({
      ...this.options.database,
      application_name: this.options.applicationName,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      query_timeout: 5_000,
    });
    this.client = client;
    // A lost connection emits 'error' (and then 'end'), or only 'end'; either way, once.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    client.on('notification', (message) => {
      if (message.channel === this.options.channel) this.payloads.next(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.client !== client) return;
    if (!this.running) {
      await this.drop();
      return;
    }
    if (this.failures > 0) {
      this.logger.log({ channel: this.options.channel }, 'listening again');
    }
    this.failures = 0;
    this.pingTimer = setInterval(() => {
      client.query('SELECT 1').catch((error: unknown) => this.lost(client, error));
    }, this.pingIntervalMs);
    this.pingTimer.unref();
    this.up.next(true);
  }

  private lost(client: Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
    void client.end().catch(() => undefined);
    this.up.next(false);
    if (!this.running) return;
    this.failures += 1;
    const delay = reconnectDelay(this.failures, this.minBackoffMs, this.maxBackoffMs);
    this.logger.warn(
      {
        channel: this.options.channel,
        failures: this.failures,
        retryInMs: delay,
        ...(error ? { error: loggableError(error) } : {}),
      },
      'listener connection lost; reconnecting',
    );
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
    if (this.up.value) this.up.next(false);
    if (client) await client.end().catch(() => undefined);
  }
}

/**
 * The wait before reconnect attempt `failures` (1, 2, …): doubling from `min`, capped at `max`,
 * drawn from its upper half so that many instances do not reconnect in step.
 */
export function reconnectDelay(
  failures: number,
  min: number,
  max: number,
  random: () => number = Math.random,
): number {
  const base = Math.min(max, min * 2 ** Math.min(failures - 1, 30));
  return Math.round(base / 2 + (random() * base) / 2);
}
