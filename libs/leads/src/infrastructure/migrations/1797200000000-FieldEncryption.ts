import { MigrationInterface, QueryRunner } from 'typeorm';
import { privacyFromEnvironment, sealPlaintextRows } from '../plaintext-sealing';

/**
 * Field encryption at rest (issue 15): `data_keys`, the leads' blind indexes in place of plain
 * lookups (and of `search_name`), and every existing row's personal values sealed. The keys come
 * from the environment (PRIVACY_*), read as the apps read them; the sealing is the code the
 * repositories use (lead-privacy.ts), so a row converted here reads like one written today.
 * Spans leads' and intake's tables: it stays whole here, in the context owning most of them.
 */
export class FieldEncryption1797200000000 implements MigrationInterface {
  name = 'FieldEncryption1797200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "data_keys" ("id" uuid NOT NULL, "key_id" text NOT NULL, "wrapped" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "rewrapped_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_data_keys" PRIMARY KEY ("id"))`,
    );
    await q.query(`ALTER TABLE "leads" ALTER COLUMN "first_name" DROP NOT NULL`);
    await q.query(`ALTER TABLE "leads" ADD "email_index" text`);
    await q.query(`ALTER TABLE "leads" ADD "phone_index" text`);
    await q.query(`ALTER TABLE "leads" ADD "name_index" text array NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "leads" ALTER COLUMN "name_index" DROP DEFAULT`);
    await q.query(`DROP INDEX "public"."idx_leads_search_name"`);
    await q.query(`DROP INDEX "public"."idx_leads_email"`);
    await q.query(`DROP INDEX "public"."idx_leads_phone"`);
    await q.query(`ALTER TABLE "leads" DROP COLUMN "search_name"`);
    for (const column of ['fields', 'unknown_fields']) {
      await q.query(
        `ALTER TABLE "submissions" ALTER COLUMN "${column}" TYPE text USING "${column}"::text`,
      );
    }
    await q.query(`DROP INDEX "public"."uq_lead_contacts_to_confirm_pending"`);
    await q.query(`ALTER TABLE "lead_contacts_to_confirm" ADD "value_index" text`);

    await sealPlaintextRows((text, params) => q.query(text, params), privacyFromEnvironment());

    await q.query(`ALTER TABLE "lead_contacts_to_confirm" ALTER COLUMN "value_index" SET NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_lead_contacts_to_confirm_pending" ON "lead_contacts_to_confirm" ("lead_id", "channel", "value_index") WHERE "status" = 'pending'`,
    );
    await q.query(
      `CREATE INDEX "idx_leads_email_index" ON "leads" ("email_index") WHERE email_index IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "idx_leads_phone_index" ON "leads" ("phone_index") WHERE phone_index IS NOT NULL`,
    );
    // Name search: every term's key must be in the array (`@>`), a GIN lookup.
    await q.query(`CREATE INDEX "idx_leads_name_index" ON "leads" USING gin ("name_index")`);
  }

  public async down(): Promise<void> {
    // Going back would write the personal data out in plain text again.
    throw new Error('FieldEncryption cannot be undone: restore a backup taken before it');
  }
}
