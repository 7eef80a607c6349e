import { DataSource } from 'typeorm';

export const CHECK_STATES = ['up', 'down'] as const;
export type Check = (typeof CHECK_STATES)[number];

/** Whether PostgreSQL answers a query now: what the services' readiness checks rest on. */
export async function checkDatabase(dataSource: DataSource): Promise<Check> {
  try {
    await dataSource.query('SELECT 1');
    return 'up';
  } catch {
    return 'down';
  }
}
