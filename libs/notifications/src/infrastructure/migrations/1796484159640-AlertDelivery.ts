import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alert delivery (issue 13, part A): each person's alert settings, the deliveries (one message on
 * one channel, retried, dead-lettered), when a held or digested alert goes out, and the lead-events
 * records the notifications consumer parked. Generated from the entities.
 */
export class AlertDelivery1796484159640 implements MigrationInterface {
  name = 'AlertDelivery1796484159640';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "alert_settings" ("staff_id" uuid NOT NULL, "email_enabled" boolean NOT NULL DEFAULT true, "chat_webhook_url" text, "kinds" text array NOT NULL, "quiet_start" text, "quiet_end" text, "time_zone" text NOT NULL DEFAULT 'UTC', "digest" text NOT NULL DEFAULT 'off', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c0945ace71588c16b9ab50b476a" PRIMARY KEY ("staff_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "alert_deliveries" ("id" uuid NOT NULL, "staff_id" uuid NOT NULL, "channel" text NOT NULL, "alert_ids" uuid array NOT NULL, "digest" boolean NOT NULL DEFAULT false, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, "dead_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b3d51c95891264fb62df41582ad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_alert_deliveries_dead" ON "alert_deliveries"  ("dead_at") WHERE status = 'dead'`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_alert_deliveries_due" ON "alert_deliveries"  ("next_attempt_at") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_parked_events" ("id" uuid NOT NULL, "event_id" text, "type" text, "topic" text NOT NULL, "partition" integer NOT NULL, "record_offset" text NOT NULL, "key" text, "value" text, "headers" jsonb NOT NULL, "error" text NOT NULL, "attempts" integer NOT NULL, "parked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "redrive_requested_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_8d80873a8817767ece4ea2e4090" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "alerts" ADD "release_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "idx_alerts_release" ON "alerts"  ("release_at") WHERE status IN ('held', 'digest')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_alerts_release"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "release_at"`);
    await queryRunner.query(`DROP TABLE "notification_parked_events"`);
    await queryRunner.query(`DROP INDEX "public"."idx_alert_deliveries_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_alert_deliveries_dead"`);
    await queryRunner.query(`DROP TABLE "alert_deliveries"`);
    await queryRunner.query(`DROP TABLE "alert_settings"`);
  }
}
