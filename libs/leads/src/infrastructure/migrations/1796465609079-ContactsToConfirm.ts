import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contact details to confirm: an email or phone a later, unauthenticated request brought that its
 * lead does not have waits here for staff instead of becoming the lead's. Generated from the
 * entity.
 */
export class ContactsToConfirm1796465609079 implements MigrationInterface {
  name = 'ContactsToConfirm1796465609079';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "lead_contacts_to_confirm" ("id" uuid NOT NULL, "lead_id" uuid NOT NULL, "channel" text NOT NULL, "value" text NOT NULL, "submission_id" uuid NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'pending', "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_917c97916e02a8571a96d2a374d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_lead_contacts_to_confirm_pending" ON "lead_contacts_to_confirm"  ("lead_id", "channel", "value") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_contacts_to_confirm" ADD CONSTRAINT "fk_lead_contacts_to_confirm_lead" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "lead_contacts_to_confirm" DROP CONSTRAINT "fk_lead_contacts_to_confirm_lead"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_lead_contacts_to_confirm_pending"`);
    await queryRunner.query(`DROP TABLE "lead_contacts_to_confirm"`);
  }
}
