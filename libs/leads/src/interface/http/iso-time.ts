/** A timestamp as the API writes it (ISO 8601, UTC); the read side gives Dates or strings. */
export const iso = (d: Date | string | null): string | null =>
  d === null ? null : (d instanceof Date ? d : new Date(d)).toISOString();
