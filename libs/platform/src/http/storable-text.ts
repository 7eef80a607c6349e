/**
 * Text PostgreSQL can store: well-formed Unicode without NUL. Anything else in a request is a
 * malformed request (400), never a database error (500).
 */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && isWellFormed(text);
}

/** The first string in a parsed JSON value (keys included) that is not storable text. */
export function findUnstorableText(value: unknown, depth = 0): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : value;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    if (!isStorableText(key)) return key;
    const found = findUnstorableText(item, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

// String.prototype.isWellFormed is in Node 20, not yet in the TypeScript lib we target.
const isWellFormed = (text: string): boolean =>
  (text as unknown as { isWellFormed(): boolean }).isWellFormed();
