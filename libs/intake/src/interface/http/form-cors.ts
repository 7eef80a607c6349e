import type { Request, Response } from 'express';

/** Lets the browser on an allowed Origin read the answer; `Vary` keeps caches honest. */
export function allowCors(res: Response, allowedOrigin: string | null): void {
  res.setHeader('Vary', 'Origin');
  if (allowedOrigin) {
    res.setHeader('Access-Control-Allow-Origin', allowedOrigin);
    res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id, Idempotent-Replayed');
  }
}

export function headerOf(req: Request, name: string): string | null {
  const value = req.headers[name];
  const single = Array.isArray(value) ? value[0] : value;
  return single && single.trim() !== '' ? single.trim() : null;
}
