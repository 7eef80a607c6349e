import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The analytics consumer's own tables, in its own schema. Facts are kept as they arrive (one row
 * per attempt, per assignment) and folded at query time, so the order events arrive in never
 * changes a result; the per-lead row only ever moves forward (GREATEST, first value kept).
 */
export class AnalyticsInit1797000000000 implements MigrationInterface {
  name = 'AnalyticsInit1797000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analytics.processed_events (
        event_id text PRIMARY KEY,
        event_type text NOT NULL,
        record_key text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('projected', 'skipped_unknown_type')),
        topic text NOT NULL,
        kafka_partition int NOT NULL,
        kafka_offset bigint NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE analytics.key_sequences (
        record_key text PRIMARY KEY,
        last_sequence bigint NOT NULL,
        gaps int NOT NULL DEFAULT 0,
        late int NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE TABLE analytics.leads (
        lead_id uuid PRIMARY KEY,
        submitted_at timestamptz,
        source text,
        form_key text,
        state text,
        interest text,
        max_stage smallint NOT NULL DEFAULT 0
      )`);
    await q.query(
      `CREATE INDEX idx_analytics_leads_submitted ON analytics.leads (submitted_at) WHERE submitted_at IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE analytics.contact_attempts (
        attempt_id uuid PRIMARY KEY,
        lead_id uuid NOT NULL,
        attempt_number bigint NOT NULL,
        outcome text NOT NULL,
        seconds_since_submission bigint NOT NULL,
        attempted_at timestamptz NOT NULL,
        sequence bigint
      )`);
    await q.query(
      `CREATE INDEX idx_analytics_attempts_lead ON analytics.contact_attempts (lead_id, attempt_number)`,
    );
    await q.query(`
      CREATE TABLE analytics.assignments (
        event_id text PRIMARY KEY,
        lead_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        assigned_at timestamptz NOT NULL,
        sequence bigint
      )`);
    await q.query(
      `CREATE INDEX idx_analytics_assignments_lead ON analytics.assignments (lead_id, sequence)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'assignments',
      'contact_attempts',
      'leads',
      'key_sequences',
      'processed_events',
    ]) {
      await q.query(`DROP TABLE analytics.${table}`);
    }
  }
}
