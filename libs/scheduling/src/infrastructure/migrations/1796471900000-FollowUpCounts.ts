import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worker's gauges count open follow-ups that are due and past their SLA deadline at every
 * scrape. The existing partial indexes drop a follow-up once it was announced due or overdue,
 * so these two keep the counts to open rows, however long the table's history grows. Written by
 * hand, as scheduling's tables have no entities.
 */
export class FollowUpCounts1796471900000 implements MigrationInterface {
  name = 'FollowUpCounts1796471900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "idx_follow_ups_open_due" ON "follow_ups" ("due_at") WHERE "status" = 'open'`,
    );
    await q.query(
      `CREATE INDEX "idx_follow_ups_open_sla" ON "follow_ups" ("sla_deadline") WHERE "status" = 'open'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_follow_ups_open_sla"`);
    await q.query(`DROP INDEX "public"."idx_follow_ups_open_due"`);
  }
}
