import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Triage: staff and API keys, the pipeline columns, contact attempts, notes, append-only history
 * and the access log, and the list endpoint's indexes (generated from the entities, then read;
 * the backfill, pg_trgm, GIN indexes and append-only triggers are by hand).
 */

export class Triage1795904906283 implements MigrationInterface {
  name = 'Triage1795904906283';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_leads_created_at"`);
    await queryRunner.query(
      `CREATE TABLE "lead_notes" ("id" uuid NOT NULL, "lead_id" uuid NOT NULL, "author_id" uuid NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1fa7d688fd75d75ea298a98e290" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_lead_notes_lead" ON "lead_notes" ("lead_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "lead_history" ("id" uuid NOT NULL, "lead_id" uuid NOT NULL, "action" text NOT NULL, "actor_id" uuid, "changes" jsonb NOT NULL, "request_id" text, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_480752a3c0f39333d322658dcab" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_lead_history_lead" ON "lead_history" ("lead_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "lead_contact_attempts" ("id" uuid NOT NULL, "lead_id" uuid NOT NULL, "attempt_number" integer NOT NULL, "channel" text NOT NULL, "outcome" text NOT NULL, "note" text, "callback_at" TIMESTAMP WITH TIME ZONE, "actor_id" uuid NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9583f03021ecb49420f49f091f4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_lead_contact_attempts_number" ON "lead_contact_attempts" ("lead_id", "attempt_number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "access_log" ("id" uuid NOT NULL, "actor_id" uuid NOT NULL, "actor_role" text NOT NULL, "action" text NOT NULL, "lead_ids" uuid array NOT NULL, "request_id" text, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_bd09621fb73b42d9e32b85ae41f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_access_log_actor" ON "access_log" ("actor_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "staff" ("id" uuid NOT NULL, "name" text NOT NULL, "email" text, "role" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "oidc_issuer" text, "oidc_subject" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e4ee98bb552756c180aec1e854a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_staff_oidc_subject" ON "staff" ("oidc_issuer", "oidc_subject") WHERE oidc_subject IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" uuid NOT NULL, "staff_id" uuid NOT NULL, "name" text NOT NULL, "prefix" text NOT NULL, "secret_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_keys_prefix" ON "api_keys" ("prefix") `);
    await queryRunner.query(`CREATE INDEX "idx_api_keys_staff_id" ON "api_keys" ("staff_id") `);
    await queryRunner.query(`ALTER TABLE "leads" ADD "status_reason" text`);
    await queryRunner.query(`ALTER TABLE "leads" ADD "priority_rank" smallint`);
    await queryRunner.query(`ALTER TABLE "leads" ADD "search_name" text`);
    await queryRunner.query(`ALTER TABLE "leads" ADD "source" text`);
    await queryRunner.query(`ALTER TABLE "leads" ADD "contact_attempt_count" integer`);
    // Existing leads: the values the mapper writes (accents folded for the common Latin letters).
    await queryRunner.query(
      `UPDATE "leads" SET "priority_rank" = CASE "priority" WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, "search_name" = translate(lower(trim("first_name" || ' ' || coalesce("last_name", ''))), 'áàâäãåāéèêëēíìîïīóòôöõøōúùûüūñçýÿ', 'aaaaaaaeeeeeiiiiiooooooouuuuuncyy'), "source" = coalesce(nullif(lower(trim("first_touch"->>'utmSource')), ''), 'direct'), "contact_attempt_count" = 0`,
    );
    for (const column of ['priority_rank', 'search_name', 'source', 'contact_attempt_count']) {
      await queryRunner.query(`ALTER TABLE "leads" ALTER COLUMN "${column}" SET NOT NULL`);
    }
    await queryRunner.query(
      `ALTER TABLE "leads" ADD "first_contact_attempt_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "leads" ADD "first_reached_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "idx_leads_crisis_created" ON "leads" ("created_at", "id") WHERE crisis_flag`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_leads_owner_created" ON "leads" ("owner_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_leads_status_queue" ON "leads" ("status", "priority_rank", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_leads_status_created" ON "leads" ("status", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_leads_queue" ON "leads" ("priority_rank", "created_at", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_leads_created" ON "leads" ("created_at", "id") `);
    await queryRunner.query(
      `CREATE INDEX "idx_leads_form_created" ON "leads" ("form_key", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_leads_source_created" ON "leads" ("source", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_leads_state_created" ON "leads" ("state", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_leads_interest_created" ON "leads" ("interest", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_notes" ADD CONSTRAINT "fk_lead_notes_lead" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_history" ADD CONSTRAINT "fk_lead_history_lead" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_contact_attempts" ADD CONSTRAINT "fk_lead_contact_attempts_lead" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "fk_api_keys_staff" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Name search: trigram GIN makes `search_name LIKE '%ann%'` an index lookup.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "idx_leads_search_name" ON "leads" USING gin ("search_name" gin_trgm_ops)`,
    );
    // LIKE '%…%' is estimated from the column's statistics: with the default 100 buckets a rare
    // name looked common, and the planner walked the created index (44 ms) instead of the
    // trigram index (2 ms). 1000 keeps the estimates close.
    await queryRunner.query(`ALTER TABLE "leads" ALTER COLUMN "search_name" SET STATISTICS 1000`);
    await queryRunner.query(
      `CREATE INDEX "idx_access_log_lead_ids" ON "access_log" USING gin ("lead_ids")`,
    );
    // History and the access log are evidence: rows are added, never changed or removed.
    await queryRunner.query(
      `CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END $$`,
    );
    for (const table of ['lead_history', 'access_log']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['lead_history', 'access_log']) {
      await queryRunner.query(`DROP TRIGGER ${table}_append_only ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION refuse_change()`);
    await queryRunner.query(`DROP INDEX "public"."idx_access_log_lead_ids"`);
    await queryRunner.query(`DROP INDEX "public"."idx_leads_search_name"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "fk_api_keys_staff"`);
    await queryRunner.query(
      `ALTER TABLE "lead_contact_attempts" DROP CONSTRAINT "fk_lead_contact_attempts_lead"`,
    );
    await queryRunner.query(`ALTER TABLE "lead_history" DROP CONSTRAINT "fk_lead_history_lead"`);
    await queryRunner.query(`ALTER TABLE "lead_notes" DROP CONSTRAINT "fk_lead_notes_lead"`);
    await queryRunner.query(`DROP INDEX "public"."idx_leads_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_leads_form_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_leads_source_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_leads_state_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_leads_interest_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_leads_queue"`);
    await queryRunner.query(`DROP INDEX "public"."idx_leads_status_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_leads_status_queue"`);
    await queryRunner.query(`DROP INDEX "public"."idx_leads_owner_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_leads_crisis_created"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "first_reached_at"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "first_contact_attempt_at"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "contact_attempt_count"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "source"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "search_name"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "priority_rank"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "status_reason"`);
    await queryRunner.query(`DROP INDEX "public"."idx_api_keys_staff_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_api_keys_prefix"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP INDEX "public"."uq_staff_oidc_subject"`);
    await queryRunner.query(`DROP TABLE "staff"`);
    await queryRunner.query(`DROP INDEX "public"."idx_access_log_actor"`);
    await queryRunner.query(`DROP TABLE "access_log"`);
    await queryRunner.query(`DROP INDEX "public"."uq_lead_contact_attempts_number"`);
    await queryRunner.query(`DROP TABLE "lead_contact_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lead_history_lead"`);
    await queryRunner.query(`DROP TABLE "lead_history"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lead_notes_lead"`);
    await queryRunner.query(`DROP TABLE "lead_notes"`);
    await queryRunner.query(`CREATE INDEX "idx_leads_created_at" ON "leads" ("created_at") `);
  }
}
