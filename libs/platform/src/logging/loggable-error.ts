/**
 * What of an error may be logged. A database error's message, detail, context (`where`) and
 * parameters can quote the values being written — names, emails, messages — so only its codes
 * and the parameterized SQL are kept. Other errors keep message and stack.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const e = error as Error & Record<string, unknown>;
  if ('driverError' in e || 'severity' in e || typeof e.query === 'string') {
    return {
      type: e.name,
      code: e.code,
      constraint: e.constraint,
      table: e.table,
      column: e.column,
      query: e.query,
    };
  }
  return { type: e.name, message: e.message, stack: e.stack };
}
