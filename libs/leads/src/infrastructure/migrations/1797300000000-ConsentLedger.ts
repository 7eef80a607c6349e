import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consent ledger: every consent given or withdrawn is a row, never changed or removed (the
 * append-only trigger of history and the access log, refuse_change from Triage); the clinic's
 * contact rules (quiet hours); and each contact attempt's receipt of what it relied on. Written
 * by hand (column maps, leads.tables.ts), like the trigger.
 *
 * Leads from before the ledger carry their consent flags over as `imported` grants, stamped
 * with the lead's creation time and first submission, so that a lead that agreed to texts can
 * still be texted.
 */
/** Each flag a lead has, and no ledger row for, as an `imported` grant (test/consent.e2e-spec.ts). */
export const IMPORT_CONSENT_FLAGS = `
  INSERT INTO "consent_records" ("id", "lead_id", "kind", "action", "source", "submission_id", "recorded_at")
  SELECT gen_random_uuid(), l."id", k."kind", 'granted', 'imported',
         nullif(l."first_touch"->>'submissionId', '')::uuid, l."created_at"
    FROM "leads" l
    CROSS JOIN LATERAL (VALUES ('contact', l."contact_consent"), ('sms', l."sms_consent")) AS k("kind", "on")
   WHERE k."on"
     AND NOT EXISTS (SELECT 1 FROM "consent_records" c WHERE c."lead_id" = l."id")`;

export class ConsentLedger1797300000000 implements MigrationInterface {
  name = 'ConsentLedger1797300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "consent_records" ("id" uuid NOT NULL, "lead_id" uuid NOT NULL, "kind" text NOT NULL, "action" text NOT NULL, "wording_version" integer, "source" text NOT NULL, "page_origin" text, "page_path" text, "ip_hash" text, "recorded_by" uuid, "submission_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_consent_records" PRIMARY KEY ("id"), CONSTRAINT "chk_consent_records_kind" CHECK ("kind" IN ('contact', 'sms', 'email_marketing')), CONSTRAINT "chk_consent_records_action" CHECK ("action" IN ('granted', 'withdrawn')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_consent_records_lead" ON "consent_records" ("lead_id", "kind", "recorded_at" DESC, "id" DESC)`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent_records" ADD CONSTRAINT "fk_consent_records_lead" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(IMPORT_CONSENT_FLAGS);
    // Evidence, like history and the access log: rows are added, never changed or removed.
    await queryRunner.query(
      `CREATE TRIGGER consent_records_append_only BEFORE UPDATE OR DELETE ON "consent_records" FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TABLE "contact_rules" ("id" smallint NOT NULL, "rules" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by" uuid, CONSTRAINT "PK_contact_rules" PRIMARY KEY ("id"), CONSTRAINT "chk_contact_rules_one_row" CHECK ("id" = 1))`,
    );
    await queryRunner.query(`ALTER TABLE "lead_contact_attempts" ADD "receipt" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lead_contact_attempts" DROP COLUMN "receipt"`);
    await queryRunner.query(`DROP TABLE "contact_rules"`);
    await queryRunner.query(`DROP TRIGGER consent_records_append_only ON "consent_records"`);
    await queryRunner.query(`DROP TABLE "consent_records"`);
  }
}
