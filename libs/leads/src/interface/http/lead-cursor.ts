import { isUUID } from 'class-validator';
import { isTimestamp } from '@intake/platform';
import { LeadInvalidError } from '../../domain/lead-errors';
import type { LeadSort } from '../../application/list-leads/lead-list-filter';

/** An opaque page cursor: the sort it belongs to and the last row's sort key. */
export function encodeCursor(sort: LeadSort, key: unknown[]): string {
  return Buffer.from(JSON.stringify({ s: sort, k: key })).toString('base64url');
}

export function decodeCursor(cursor: string, sort: LeadSort): Array<string | number> {
  const invalid = (message: string) => new LeadInvalidError([{ field: 'cursor', message }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('is not a cursor this API gave out');
  }
  const { s, k } = (parsed ?? {}) as { s?: unknown; k?: unknown };
  const length = sort === 'priority' ? 3 : 2;
  if (s !== sort) throw invalid('belongs to another sort order');
  if (
    !Array.isArray(k) ||
    k.length !== length ||
    !isUUID(k[length - 1]) ||
    !isTimestamp(k[length - 2]) ||
    (sort === 'priority' && ![0, 1, 2].includes(k[0] as number))
  ) {
    throw invalid('is not a cursor this API gave out');
  }
  return k as Array<string | number>;
}
