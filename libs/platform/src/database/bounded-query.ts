import { DataSource } from 'typeorm';
import { withTimeout } from '../time/with-timeout';

/**
 * A read that gives up after `timeoutMs`, in the database (the statement is cancelled, so a
 * stuck one frees its connection) and in the caller (also when no pool connection comes free):
 * for the scrape-time gauges and health, which must answer even when the database does not.
 */
export function boundedQuery<T>(
  dataSource: DataSource,
  timeoutMs: number,
  sql: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  const ms = Math.max(1, Math.floor(timeoutMs));
  const query = dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL statement_timeout = ${ms}`);
    return manager.query(sql, parameters) as Promise<T[]>;
  });
  query.catch(() => undefined);
  return withTimeout(query, ms + 500);
}
