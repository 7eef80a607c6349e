import type { NextFunction, Request, Response } from 'express';
import compression from 'compression';
import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the api serves the coordinator console (apps/console, built with base /console/). */
export const CONSOLE_PATH = '/console';

/**
 * The console's pages: its own scripts only (no inline script, nothing from elsewhere), calls to
 * this origin only (/v1, /auth), never framed. Styles allow inline: the component library
 * (Mantine) writes its theme variables into a <style> element at run time.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function secure(res: Response): void {
  res.setHeader('Content-Security-Policy', CONSOLE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
}

/**
 * The built console as static files, ahead of the API's guard: the page itself holds no data
 * and asks `/auth/session` who is signed in. Hashed assets are cached for a year (a release
 * changes their names); index.html is never cached, so a release reaches everyone on their next
 * load; any other path is a route of the app (`/console/leads/<id>`) and gets index.html.
 */
export function consoleRouter(dir: string): Router {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  const router = Router();

  router.use((req: Request, res: Response, next: NextFunction) => {
    // /console → /console/: the app's router and relative links expect the trailing slash.
    if (req.originalUrl === CONSOLE_PATH || req.originalUrl.startsWith(`${CONSOLE_PATH}?`)) {
      res.redirect(301, `${CONSOLE_PATH}/${req.originalUrl.slice(CONSOLE_PATH.length)}`);
      return;
    }
    next();
  });
  // The scripts are a third of their size gzipped (187 KB against 604 KB for the first screen).
  router.use(compression());
  router.use(
    '/assets',
    express.static(join(root, 'assets'), {
      index: false,
      immutable: true,
      maxAge: '365d',
      setHeaders: secure,
    }),
  );
  // A missing asset is a 404, never the page (a script answered with HTML breaks confusingly).
  router.use('/assets', (_req: Request, res: Response) => {
    res.status(404).type('text/plain').send('Not found');
  });
  router.get('/{*path}', (_req: Request, res: Response) => {
    secure(res);
    res.setHeader('Cache-Control', 'no-store');
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send('The console is not built: run `npm run build` (it writes dist/console).');
      return;
    }
    res.sendFile(index);
  });
  return router;
}
