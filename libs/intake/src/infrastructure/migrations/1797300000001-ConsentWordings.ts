import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each form's consent wording, versioned per kind: a publication adds a version and never changes
 * an earlier one (the append-only trigger, refuse_change from Triage), so the ledger's
 * `wording_version` always names the text the person saw. Written by hand (a column map).
 */
export class ConsentWordings1797300000001 implements MigrationInterface {
  name = 'ConsentWordings1797300000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "consent_wordings" ("form_key" text NOT NULL, "kind" text NOT NULL, "version" integer NOT NULL, "text" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_by" uuid, CONSTRAINT "PK_consent_wordings" PRIMARY KEY ("form_key", "kind", "version"), CONSTRAINT "chk_consent_wordings_kind" CHECK ("kind" IN ('contact', 'sms', 'email_marketing')), CONSTRAINT "chk_consent_wordings_version" CHECK ("version" >= 1))`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent_wordings" ADD CONSTRAINT "fk_consent_wordings_form" FOREIGN KEY ("form_key") REFERENCES "forms"("key") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TRIGGER consent_wordings_append_only BEFORE UPDATE OR DELETE ON "consent_wordings" FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER consent_wordings_append_only ON "consent_wordings"`);
    await queryRunner.query(`DROP TABLE "consent_wordings"`);
  }
}
