import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (issue 13): the alerts queued for staff (one row per person and cause) and the
 * inbox of lead events already reacted to. Generated from the entities.
 */
export class Notifications1796482472197 implements MigrationInterface {
  name = 'Notifications1796482472197';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "alerts" ("id" uuid NOT NULL, "staff_id" uuid NOT NULL, "kind" text NOT NULL, "urgency" text NOT NULL, "dedupe_key" text NOT NULL, "title" text NOT NULL, "link" text, "lead_id" uuid, "status" text NOT NULL DEFAULT 'pending', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_60f895662df096bfcdfab7f4b96" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_alerts_staff" ON "alerts"  ("staff_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_alerts_pending" ON "alerts"  ("created_at") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_alerts_dedupe" ON "alerts"  ("dedupe_key", "staff_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_inbox" ("event_id" uuid NOT NULL, "type" text NOT NULL, "handled_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_70d13fbb9e0b9f7016a78fa0950" PRIMARY KEY ("event_id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_inbox"`);
    await queryRunner.query(`DROP INDEX "public"."uq_alerts_dedupe"`);
    await queryRunner.query(`DROP INDEX "public"."idx_alerts_pending"`);
    await queryRunner.query(`DROP INDEX "public"."idx_alerts_staff"`);
    await queryRunner.query(`DROP TABLE "alerts"`);
  }
}
