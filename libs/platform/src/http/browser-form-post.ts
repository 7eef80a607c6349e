import type { Request } from 'express';

/**
 * A plain HTML form posted by a browser: urlencoded or multipart, preferring an HTML answer.
 * Such a visitor gets a redirect or a page; every other caller gets JSON.
 */
export function isBrowserFormPost(req: Request): boolean {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const formPost =
    mediaType === 'application/x-www-form-urlencoded' || mediaType === 'multipart/form-data';
  return formPost && req.accepts(['application/json', 'text/html']) === 'text/html';
}
