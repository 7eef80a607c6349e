import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DURATION_BUCKETS, Metrics } from './metrics';

/** The route label of a request no controller route matched (404s, Swagger UI, static files). */
export const UNMATCHED_ROUTE = 'unmatched';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The route a request matched as its template (`/v1/leads/:id`), never the URL: a URL carries
 * ids and would make a series per lead.
 */
export function routeLabel(req: Pick<Request, 'baseUrl' | 'route'>): string {
  const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string' || CATCH_ALL.test(path)) return UNMATCHED_ROUTE;
  return `${req.baseUrl ?? ''}${path}` || '/';
}

/** Nest answers a request no controller matched through a catch-all route (`{/*splat}`). */
const CATCH_ALL = /^\{?\/?\*\w*\}?$/;

/**
 * Express middleware timing every request from its arrival to the last byte of its answer,
 * labelled by method, route template and status. A request whose client went away before the
 * answer was sent counts with status 499 (as nginx logs it).
 */
export function httpMetrics(metrics: Metrics): RequestHandler {
  const duration = metrics.histogram<'method' | 'route' | 'status'>({
    name: 'intake_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status: time to the end of the answer.',
    labelNames: ['method', 'route', 'status'],
    buckets: DURATION_BUCKETS,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const end = duration.startTimer();
    let done = false;
    const record = (status: string) => {
      if (done) return;
      done = true;
      const method = METHODS.has(req.method) ? req.method : 'OTHER';
      end({ method, route: routeLabel(req), status });
    };
    res.once('finish', () => record(String(res.statusCode)));
    res.once('close', () => record(res.writableFinished ? String(res.statusCode) : '499'));
    next();
  };
}
