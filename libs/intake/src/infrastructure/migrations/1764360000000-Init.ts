import { MigrationInterface, QueryRunner } from 'typeorm';

/** Leads, submissions, forms, idempotency keys and the outbox (generated from the entities, then read). */

export class Init1764360000000 implements MigrationInterface {
  name = 'Init1764360000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "leads" ("id" uuid NOT NULL, "status" text NOT NULL, "priority" text NOT NULL, "crisis_flag" boolean NOT NULL, "first_name" text NOT NULL, "last_name" text, "email" text, "phone" text, "preferred_contact" text, "best_time_to_contact" text, "state" character(2), "interest" text, "how_did_you_hear" text, "contact_consent" boolean NOT NULL, "sms_consent" boolean NOT NULL, "first_touch" jsonb NOT NULL, "latest_touch" jsonb NOT NULL, "form_key" text NOT NULL, "owner_id" uuid, "submission_count" integer NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_cd102ed7a9a4ca7d4d8bfeba406" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_leads_created_at" ON "leads" ("created_at") `);
    await queryRunner.query(
      `CREATE INDEX "idx_leads_phone" ON "leads" ("phone") WHERE phone IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_leads_email" ON "leads" ("email") WHERE email IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox" ("seq" BIGSERIAL NOT NULL, "id" uuid NOT NULL, "type" text NOT NULL, "partition_key" text NOT NULL, "subject" text NOT NULL, "source" text NOT NULL, "payload" jsonb NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_error" text, CONSTRAINT "UQ_340ab539f309f03bdaa14aa7649" UNIQUE ("id"), CONSTRAINT "PK_acf0725c6a7245b71c651964ee4" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_outbox_unpublished_key" ON "outbox" ("partition_key", "seq") WHERE published_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_outbox_unpublished" ON "outbox" ("seq") WHERE published_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "submissions" ("id" uuid NOT NULL, "form_key" text NOT NULL, "lead_id" uuid, "status" text NOT NULL, "rejection_reason" text, "fields" jsonb NOT NULL, "unknown_fields" jsonb NOT NULL, "attribution" jsonb NOT NULL, "ip_hash" text, "user_agent" text, "fill_ms" integer, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_10b3be95b8b2fb1e482e07d706b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_submissions_form_received" ON "submissions" ("form_key", "received_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_submissions_lead_id" ON "submissions" ("lead_id") WHERE lead_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("form_key" text NOT NULL, "key" text NOT NULL, "response" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_36a27a6d80fe41afc23a0bc40af" PRIMARY KEY ("form_key", "key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_idempotency_keys_created_at" ON "idempotency_keys" ("created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "forms" ("key" text NOT NULL, "name" text NOT NULL, "allowed_origins" text array NOT NULL DEFAULT '{}', "thank_you_url" text NOT NULL, "honeypot_field" text NOT NULL DEFAULT 'website', "field_aliases" jsonb NOT NULL DEFAULT '{}', "required_fields" text array NOT NULL DEFAULT '{}', "min_fill_seconds" integer NOT NULL DEFAULT '3', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a995e505de188e9c70e5fdcc11" PRIMARY KEY ("key"))`,
    );
    // The relay LISTENs on this channel; one notification per committing statement wakes it.
    await queryRunner.query(
      `CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('intake_outbox', ''); RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER outbox_notify AFTER INSERT ON "outbox" FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER outbox_notify ON "outbox"`);
    await queryRunner.query(`DROP FUNCTION outbox_notify()`);
    await queryRunner.query(`DROP TABLE "forms"`);
    await queryRunner.query(`DROP INDEX "public"."idx_idempotency_keys_created_at"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP INDEX "public"."idx_submissions_lead_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_submissions_form_received"`);
    await queryRunner.query(`DROP TABLE "submissions"`);
    await queryRunner.query(`DROP INDEX "public"."idx_outbox_unpublished"`);
    await queryRunner.query(`DROP INDEX "public"."idx_outbox_unpublished_key"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
    await queryRunner.query(`DROP INDEX "public"."idx_leads_email"`);
    await queryRunner.query(`DROP INDEX "public"."idx_leads_phone"`);
    await queryRunner.query(`DROP INDEX "public"."idx_leads_created_at"`);
    await queryRunner.query(`DROP TABLE "leads"`);
  }
}
