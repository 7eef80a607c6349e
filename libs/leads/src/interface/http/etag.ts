import type { Response } from 'express';

/** The lead's version as a strong ETag: `"7"`. */
export function setLeadEtag(res: Response, version: number): void {
  res.setHeader('ETag', `"${version}"`);
}

/**
 * The version an If-Match asks for: null when absent or `*`. A value that is not one of our
 * ETags can match nothing, so it becomes a version no lead has (→ 412).
 */
export function expectedVersion(ifMatch: string | undefined): number | null {
  if (ifMatch === undefined || ifMatch.trim() === '' || ifMatch.trim() === '*') return null;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(ifMatch);
  return match ? Number(match[1]) : -1;
}
