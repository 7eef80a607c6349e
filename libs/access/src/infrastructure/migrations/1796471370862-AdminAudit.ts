import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The admin audit: one row per change to staff, keys, forms, scheduling settings, calendars,
 * absences, pools, rules and parked records. Generated from the entity; the append-only
 * triggers are by hand. Like history and the access log it is evidence, and more: UPDATE and
 * DELETE are refused row by row (refuse_change, from Triage) and TRUNCATE too, so emptying it
 * takes the table's owner switching `admin_audit_no_truncate` off, in plain sight.
 */
export class AdminAudit1796471370862 implements MigrationInterface {
  name = 'AdminAudit1796471370862';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "admin_audit" ("id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_type" text NOT NULL, "actor_id" uuid, "actor_label" text, "action" text NOT NULL, "target_type" text NOT NULL, "target_id" text, "before" jsonb, "after" jsonb, "request_id" text, "client_request_id" text, CONSTRAINT "PK_5ad48a4d9d16397ef37e28bb0be" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_admin_audit_at" ON "admin_audit"  ("at") `);
    await queryRunner.query(
      `CREATE INDEX "idx_admin_audit_target" ON "admin_audit"  ("target_type", "target_id", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_admin_audit_action" ON "admin_audit"  ("action", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_admin_audit_actor" ON "admin_audit"  ("actor_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE ON "admin_audit" FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON "admin_audit" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER admin_audit_no_truncate ON "admin_audit"`);
    await queryRunner.query(`DROP TRIGGER admin_audit_append_only ON "admin_audit"`);
    await queryRunner.query(`DROP INDEX "public"."idx_admin_audit_actor"`);
    await queryRunner.query(`DROP INDEX "public"."idx_admin_audit_action"`);
    await queryRunner.query(`DROP INDEX "public"."idx_admin_audit_target"`);
    await queryRunner.query(`DROP INDEX "public"."idx_admin_audit_at"`);
    await queryRunner.query(`DROP TABLE "admin_audit"`);
  }
}
