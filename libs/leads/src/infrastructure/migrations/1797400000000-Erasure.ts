import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure (issue 15): a lead can be de-identified (`erased_at`), marked do-not-contact, and
 * each erasure leaves a record (`erasures`, no personal values). A person who asked not to be
 * contacted again is kept only as a keyed hash of the normalized email or phone
 * (`contact_suppressions`).
 *
 * The append-only guard (refuse_change, from Triage, also on admin_audit) gets one narrow,
 * audited way through: inside a transaction that has run
 * `SET LOCAL intake.privacy_operation = 'erasure:<id>'` (or `'retention:<id>'`), and only when
 * that erasure or retention run exists, so the operation's own row is the audit of the change:
 * - lead_history: UPDATE of `changes` only (its shape kept, personal values nulled), by an
 *   erasure naming the lead or by a retention run still in progress;
 * - access_log and admin_audit: DELETE, by a retention run still in progress.
 * The job finishes its run whatever happens; the erasures are themselves append-only, and a
 * retention run can only be finished, once: neither audit row can be changed to reopen the way.
 * Everything else (any other column, a DELETE of history, TRUNCATE) is refused as before.
 * Written by hand: TypeORM cannot express the arrays' checks nor the function.
 */
export class Erasure1797400000000 implements MigrationInterface {
  name = 'Erasure1797400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "leads" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "leads" ADD "do_not_contact" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "submissions" ALTER COLUMN "fields" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "submissions" ALTER COLUMN "unknown_fields" DROP NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "erasures" ("id" uuid NOT NULL, "lead_ids" uuid[] NOT NULL, "reason" text NOT NULL, "requested_by" uuid, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "do_not_contact" boolean NOT NULL, CONSTRAINT "pk_erasures" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_erasures_lead_ids" ON "erasures" USING gin ("lead_ids")`,
    );
    await queryRunner.query(
      `CREATE TABLE "contact_suppressions" ("id" uuid NOT NULL, "channel" text NOT NULL, "value_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "erasure_id" uuid NOT NULL, CONSTRAINT "pk_contact_suppressions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contact_suppressions_value" ON "contact_suppressions" ("channel", "value_hash")`,
    );
    await queryRunner.query(
      `CREATE TABLE "retention_runs" ("id" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "counts" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "pk_retention_runs" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_retention_runs_started" ON "retention_runs" ("started_at")`,
    );
    await queryRunner.query(`CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  operation text := coalesce(current_setting('intake.privacy_operation', true), '');
  kind text := split_part(operation, ':', 1);
  run_id uuid;
BEGIN
  IF TG_OP <> 'TRUNCATE' AND operation <> '' THEN
    BEGIN
      run_id := split_part(operation, ':', 2)::uuid;
    EXCEPTION WHEN invalid_text_representation THEN
      run_id := NULL;
    END;
    -- Nested: one expression naming NEW.lead_id fails on a table that has no such column.
    IF TG_TABLE_NAME = 'lead_history' AND TG_OP = 'UPDATE' THEN
      IF NEW.id = OLD.id AND NEW.lead_id = OLD.lead_id AND NEW.action = OLD.action
         AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.occurred_at = OLD.occurred_at
         AND NEW.request_id IS NOT DISTINCT FROM OLD.request_id
         AND ((kind = 'erasure' AND EXISTS (
                SELECT 1 FROM erasures WHERE id = run_id AND OLD.lead_id = ANY(lead_ids)))
           OR (kind = 'retention' AND EXISTS (
                SELECT 1 FROM retention_runs WHERE id = run_id AND finished_at IS NULL))) THEN
        RETURN NEW;
      END IF;
    END IF;
    IF TG_TABLE_NAME IN ('access_log', 'admin_audit') AND TG_OP = 'DELETE' AND kind = 'retention'
       AND EXISTS (SELECT 1 FROM retention_runs WHERE id = run_id AND finished_at IS NULL) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER erasures_append_only BEFORE UPDATE OR DELETE ON "erasures" FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await queryRunner.query(`CREATE FUNCTION retention_run_finishes_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.finished_at IS NULL AND NEW.finished_at IS NOT NULL
     AND NEW.id = OLD.id AND NEW.started_at = OLD.started_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'retention_runs is append-only: a run is finished once' USING ERRCODE = 'insufficient_privilege';
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER retention_runs_finish_once BEFORE UPDATE OR DELETE ON "retention_runs" FOR EACH ROW EXECUTE FUNCTION retention_run_finishes_once()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END $$`,
    );
    await queryRunner.query(`DROP TABLE "retention_runs"`);
    await queryRunner.query(`DROP FUNCTION retention_run_finishes_once()`);
    await queryRunner.query(`DROP TABLE "contact_suppressions"`);
    await queryRunner.query(`DROP TABLE "erasures"`);
    await queryRunner.query(`ALTER TABLE "submissions" ALTER COLUMN "unknown_fields" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "submissions" ALTER COLUMN "fields" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "do_not_contact"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "erased_at"`);
  }
}
