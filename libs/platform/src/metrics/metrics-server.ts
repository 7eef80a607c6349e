import {
  FactoryProvider,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsConfig } from '../config/common.config';
import { Metrics } from './metrics';

/** What `/metrics` serves: one process's Metrics, or a cluster primary's sum of its workers'. */
export interface MetricsSource {
  exposition(): Promise<string>;
  readonly contentType: string;
}

/** A readiness answer: `ready` decides 200 or 503, `body` is sent as JSON. */
export interface HealthAnswer {
  ready: boolean;
  body: object;
}

export interface MetricsListener {
  host: string;
  /** 0: any free port (tests); `address()` tells which. */
  port: number;
  /** Served as GET /health/ready beside /health/live, for an app without an HTTP server. */
  health?: () => Promise<HealthAnswer>;
}

/**
 * The listener Prometheus scrapes: `GET /metrics` on a port of its own, never the public API's,
 * so the internet-facing door never serves it (what an operator exposes is a choice per port).
 * Plain node:http: no guard, body parser or request logging of the API in the way, and the scrape
 * is not itself counted in the HTTP metrics.
 */
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server: Server | null = null;

  constructor(
    private readonly metrics: MetricsSource,
    private readonly listener: MetricsListener,
  ) {}

  /** The provider of an app whose listener is its metrics config and nothing more. */
  static provider(config: MetricsConfig): FactoryProvider<MetricsServer> {
    return {
      provide: MetricsServer,
      useFactory: (metrics: Metrics) =>
        new MetricsServer(metrics, { host: config.METRICS_HOST, port: config.METRICS_PORT }),
      inject: [Metrics],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.requestTimeout = 10_000;
    server.headersTimeout = 5_000;
    server.maxConnections = 100;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listener.port, this.listener.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const { address, port } = this.address()!;
    this.logger.log({ address, port }, 'metrics listening');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Where it listens; null before start-up. */
  address(): AddressInfo | null {
    return (this.server?.address() as AddressInfo | null) ?? null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'text/plain', 'method not allowed\n', { Allow: 'GET, HEAD' });
    }
    try {
      if (path === '/metrics') {
        return send(res, 200, this.metrics.contentType, await this.metrics.exposition());
      }
      if (path === '/health/live') return json(res, 200, { status: 'ok' });
      if (path === '/health/ready' && this.listener.health) {
        const answer = await this.listener.health();
        return json(res, answer.ready ? 200 : 503, answer.body);
      }
      return send(res, 404, 'text/plain', 'not found\n');
    } catch (error) {
      this.logger.warn(
        { path, error: error instanceof Error ? error.message : String(error) },
        'metrics listener could not answer',
      );
      return send(res, 500, 'text/plain', 'internal error\n');
    }
  }
}

function json(res: ServerResponse, status: number, body: object): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
