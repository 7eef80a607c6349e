import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { HttpServerConfig } from '../config/common.config';

/**
 * Applies HttpServerConfig to an app's Node HTTP server; before or after it listens. A
 * server-sent event stream is not cut by the request timeout, which bounds only receiving the
 * request (a GET's is complete at once); Nest's `@Sse()` turns the socket's idle timeout off.
 */
export function applyHttpServerLimits(app: INestApplication, config: HttpServerConfig): void {
  const server = app.getHttpServer() as Server;
  server.requestTimeout = config.HTTP_REQUEST_TIMEOUT_MS;
  server.headersTimeout = Math.min(config.HTTP_HEADERS_TIMEOUT_MS, config.HTTP_REQUEST_TIMEOUT_MS);
  server.keepAliveTimeout = config.HTTP_KEEP_ALIVE_TIMEOUT_MS;
  server.maxConnections = config.HTTP_MAX_CONNECTIONS;
}
