import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';

const scope = new AsyncLocalStorage<Map<string, unknown>>();

/**
 * Express middleware giving each request a memo of its own: what `memoInRequest` loads once is
 * shared by the guards, queries and handlers that serve the request, and by nothing else, so a
 * change committed between two requests is always seen by the second.
 */
export function requestMemo(): RequestHandler {
  return (_req, _res, next) => scope.run(new Map(), next);
}

/** `load()` once per request under `key`; outside a request (a job, a consumer) every time. */
export function memoInRequest<T>(key: string, load: () => T): T {
  const memo = scope.getStore();
  if (!memo) return load();
  if (!memo.has(key)) memo.set(key, load());
  return memo.get(key) as T;
}

/** Forgets `key` in this request's memo: the request has just changed what it names. */
export function forgetInRequest(key: string): void {
  scope.getStore()?.delete(key);
}
