import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The crisis clock (issue 13): one row per crisis page, from `crisis.paged`, `crisis.escalated`
 * and `crisis.acknowledged`, in any order (each fills in its own columns). Ids and times only.
 */
export class CrisisClock1797100000000 implements MigrationInterface {
  name = 'CrisisClock1797100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analytics.crisis_pages (
        page_id uuid PRIMARY KEY,
        lead_id uuid NOT NULL,
        submitted_at timestamptz NOT NULL,
        paged_at timestamptz,
        escalations int NOT NULL DEFAULT 0,
        acknowledged_at timestamptz,
        seconds_to_acknowledge bigint
      )`);
    await q.query(
      `CREATE INDEX idx_analytics_crisis_pages_submitted ON analytics.crisis_pages (submitted_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE analytics.crisis_pages`);
  }
}
