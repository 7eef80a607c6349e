import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The clinic's retention periods: one row at most (`id` 1); none means the documented defaults
 * (RetentionPolicy). Written by hand: a column map's table.
 */
export class RetentionSettings1797400000001 implements MigrationInterface {
  name = 'RetentionSettings1797400000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "retention_settings" ("id" smallint NOT NULL, "spam_days" integer NOT NULL, "raw_fields_days_after_close" integer NOT NULL, "closed_lead_years" integer, "audit_years" integer NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_retention_settings" PRIMARY KEY ("id"), CONSTRAINT "chk_retention_settings_one" CHECK ("id" = 1))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "retention_settings"`);
  }
}
