import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The crisis safety loop (issue 13, part C): crisis pages (who was paged, when it escalates,
 * who acknowledged, the first contact; ids and times only) and the clinic's one on-call settings
 * row (rotation, escalation list, acknowledgement timeout). Generated from the entities.
 */
export class CrisisSafetyLoop1796483470065 implements MigrationInterface {
  name = 'CrisisSafetyLoop1796483470065';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "crisis_pages" ("id" uuid NOT NULL, "lead_id" uuid NOT NULL, "status" text NOT NULL, "step" integer NOT NULL, "paging_order" uuid array NOT NULL, "paged_staff_id" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "escalate_at" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by" uuid, "first_contact_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3367e24b2f41cfd620636a9ef8e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_crisis_pages_lead" ON "crisis_pages"  ("lead_id", "opened_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_crisis_pages_escalate" ON "crisis_pages"  ("escalate_at") WHERE status = 'open'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_crisis_pages_open_lead" ON "crisis_pages"  ("lead_id") WHERE status = 'open'`,
    );
    await queryRunner.query(
      `CREATE TABLE "crisis_on_call_settings" ("id" smallint NOT NULL, "settings" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by" uuid, CONSTRAINT "ck_crisis_on_call_settings_one_row" CHECK (id = 1), CONSTRAINT "PK_05935bceea7629bcc4ae930d647" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "crisis_on_call_settings"`);
    await queryRunner.query(`DROP INDEX "public"."uq_crisis_pages_open_lead"`);
    await queryRunner.query(`DROP INDEX "public"."idx_crisis_pages_escalate"`);
    await queryRunner.query(`DROP INDEX "public"."idx_crisis_pages_lead"`);
    await queryRunner.query(`DROP TABLE "crisis_pages"`);
  }
}
