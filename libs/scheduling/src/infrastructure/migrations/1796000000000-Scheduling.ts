import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduling: clinic settings, staff calendars, routing pools and rules, the routing queue,
 * assignment decisions and follow-ups, and the lead's language. Written by hand: scheduling's
 * repositories use SQL (row locks, SKIP LOCKED, partial indexes) rather than entities.
 */
const OPEN = `'new', 'attempting_contact', 'contacted', 'consult_scheduled', 'consult_completed'`;

export class Scheduling1796000000000 implements MigrationInterface {
  name = 'Scheduling1796000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "leads" ADD "language" text`);
    // Routing counts each person's open leads under the pool's lock: only open ones are read.
    await q.query(
      `CREATE INDEX "idx_leads_owner_open" ON "leads" ("owner_id") WHERE "status" IN (${OPEN})`,
    );
    await q.query(
      `CREATE TABLE "scheduling_settings" (
        "id" smallint PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
        "settings" jsonb NOT NULL,
        "updated_at" timestamptz NOT NULL,
        "updated_by" uuid)`,
    );
    await q.query(
      `CREATE TABLE "staff_schedules" (
        "staff_id" uuid PRIMARY KEY REFERENCES "staff"("id") ON DELETE CASCADE,
        "time_zone" text,
        "working_hours" jsonb,
        "languages" text[] NOT NULL DEFAULT '{}',
        "licensed_states" text[],
        "capacity" integer CHECK ("capacity" >= 0),
        "weight" integer NOT NULL DEFAULT 1 CHECK ("weight" >= 1),
        "last_assigned_at" timestamptz,
        "updated_at" timestamptz NOT NULL)`,
    );
    await q.query(
      `CREATE TABLE "staff_away_periods" (
        "id" uuid PRIMARY KEY,
        "staff_id" uuid NOT NULL REFERENCES "staff"("id") ON DELETE CASCADE,
        "starts_at" timestamptz NOT NULL,
        "ends_at" timestamptz NOT NULL,
        "reason" text NOT NULL,
        "created_at" timestamptz NOT NULL,
        "created_by" uuid,
        CHECK ("ends_at" > "starts_at"))`,
    );
    await q.query(
      `CREATE INDEX "idx_staff_away_periods_staff" ON "staff_away_periods" ("staff_id", "ends_at")`,
    );
    await q.query(
      `CREATE TABLE "routing_pools" (
        "id" uuid PRIMARY KEY,
        "name" text NOT NULL UNIQUE,
        "strategy" text NOT NULL,
        "all_coordinators" boolean NOT NULL DEFAULT false,
        "catch_up_cap" integer NOT NULL DEFAULT 3 CHECK ("catch_up_cap" >= 0),
        "is_default" boolean NOT NULL DEFAULT false,
        "last_staff_id" uuid,
        "last_position" integer,
        "virtual_time" double precision NOT NULL DEFAULT 0,
        "created_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_routing_pools_default" ON "routing_pools" ("is_default") WHERE "is_default"`,
    );
    await q.query(
      `CREATE TABLE "routing_pool_members" (
        "pool_id" uuid NOT NULL REFERENCES "routing_pools"("id") ON DELETE CASCADE,
        "staff_id" uuid NOT NULL REFERENCES "staff"("id") ON DELETE CASCADE,
        "position" integer NOT NULL,
        "pass" double precision NOT NULL DEFAULT 0,
        "assigned_count" integer NOT NULL DEFAULT 0,
        "last_assigned_at" timestamptz,
        PRIMARY KEY ("pool_id", "staff_id"))`,
    );
    await q.query(
      `CREATE TABLE "routing_rules" (
        "id" uuid PRIMARY KEY,
        "position" integer NOT NULL UNIQUE,
        "name" text NOT NULL,
        "conditions" jsonb NOT NULL,
        "pool_id" uuid NOT NULL REFERENCES "routing_pools"("id"),
        "active" boolean NOT NULL DEFAULT true)`,
    );
    await q.query(
      `CREATE TABLE "routing_queue" (
        "lead_id" uuid PRIMARY KEY REFERENCES "leads"("id"),
        "due_at" timestamptz NOT NULL,
        "cause" text NOT NULL,
        "queued_at" timestamptz NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "unassignable_at" timestamptz)`,
    );
    await q.query(`CREATE INDEX "idx_routing_queue_due" ON "routing_queue" ("due_at")`);
    await q.query(
      `CREATE TABLE "assignment_decisions" (
        "id" uuid PRIMARY KEY,
        "lead_id" uuid NOT NULL REFERENCES "leads"("id"),
        "decided_at" timestamptz NOT NULL,
        "outcome" text NOT NULL,
        "reason" text,
        "rule_id" uuid,
        "rule_name" text,
        "pool_id" uuid,
        "pool_name" text,
        "strategy" text,
        "assignee_id" uuid,
        "skipped" jsonb NOT NULL,
        "next_attempt_at" timestamptz)`,
    );
    await q.query(
      `CREATE INDEX "idx_assignment_decisions_lead" ON "assignment_decisions" ("lead_id", "id")`,
    );
    await q.query(
      `CREATE TABLE "follow_ups" (
        "id" uuid PRIMARY KEY,
        "lead_id" uuid NOT NULL REFERENCES "leads"("id"),
        "kind" text NOT NULL,
        "status" text NOT NULL,
        "due_at" timestamptz NOT NULL,
        "sla_deadline" timestamptz NOT NULL,
        "assignee_id" uuid REFERENCES "staff"("id"),
        "attempt" integer NOT NULL,
        "priority" text NOT NULL,
        "priority_rank" smallint NOT NULL,
        "due_notified_at" timestamptz,
        "overdue_at" timestamptz,
        "created_at" timestamptz NOT NULL,
        "closed_at" timestamptz,
        "outcome" text,
        "attempt_id" uuid,
        "cancel_reason" text,
        "reschedule_reason" text)`,
    );
    // At most one open follow-up per lead, whatever the code does.
    await q.query(
      `CREATE UNIQUE INDEX "uq_follow_ups_open" ON "follow_ups" ("lead_id") WHERE "status" = 'open'`,
    );
    await q.query(`CREATE INDEX "idx_follow_ups_lead" ON "follow_ups" ("lead_id", "created_at")`);
    // The worker's two scans read only these small partial indexes.
    await q.query(
      `CREATE INDEX "idx_follow_ups_due" ON "follow_ups" ("due_at") WHERE "status" = 'open' AND "due_notified_at" IS NULL`,
    );
    await q.query(
      `CREATE INDEX "idx_follow_ups_sla" ON "follow_ups" ("sla_deadline") WHERE "status" = 'open' AND "overdue_at" IS NULL`,
    );
    await q.query(
      `CREATE INDEX "idx_follow_ups_queue" ON "follow_ups" ("assignee_id", "priority_rank", "due_at") WHERE "status" = 'open'`,
    );
    // Open leads from before scheduling: unowned ones are routed, owned ones keep their owner and
    // get their follow-up (the worker does both within a second of starting).
    await q.query(
      `INSERT INTO "routing_queue" ("lead_id", "due_at", "cause", "queued_at")
       SELECT "id", now(), CASE WHEN "owner_id" IS NULL THEN 'new' ELSE 'adopted' END, now()
         FROM "leads" WHERE "status" IN (${OPEN})`,
    );
    // A fresh install routes every lead to every coordinator in turn until an admin says otherwise.
    await q.query(
      `INSERT INTO "routing_pools" ("id", "name", "strategy", "all_coordinators", "is_default", "created_at", "updated_at")
       VALUES ('00000000-0000-7000-8000-000000000001', 'Everyone', 'round_robin', true, true, now(), now())`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'follow_ups',
      'assignment_decisions',
      'routing_queue',
      'routing_rules',
      'routing_pool_members',
      'routing_pools',
      'staff_away_periods',
      'staff_schedules',
      'scheduling_settings',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
    await q.query(`DROP INDEX "idx_leads_owner_open"`);
    await q.query(`ALTER TABLE "leads" DROP COLUMN "language"`);
  }
}
