import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event contracts: every event carries an envelope (eventId, occurredAt, leadId, a per-key
 * sequence, schemaVersion). Generated from the entities, then by hand: events still in the
 * outbox are numbered per key in the order they were written and get the envelope in their
 * payload (so a replay sends them as events are sent from now on), and each key's counter
 * starts after its last number. New rows get their number from the relay, so the column stays
 * nullable. The outbox is locked against writers for the backfill: instances still running the
 * previous code wait for it instead of slipping unnumbered rows in between.
 */
export class EventContracts1796100000000 implements MigrationInterface {
  name = 'EventContracts1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`LOCK TABLE outbox IN SHARE ROW EXCLUSIVE MODE`);
    await queryRunner.query(
      `CREATE TABLE "event_sequences" ("stream_key" text NOT NULL, "last_sequence" bigint NOT NULL, CONSTRAINT "PK_ea37cc1210577e6f2262dde421b" PRIMARY KEY ("stream_key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_retention" ("singleton" boolean NOT NULL DEFAULT true, "complete_from" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ddebc44e7e7e67a2f43e7dc4546" PRIMARY KEY ("singleton"))`,
    );
    await queryRunner.query(`ALTER TABLE "outbox" ADD "sequence" bigint`);
    await queryRunner.query(`
      UPDATE outbox o
         SET sequence = n.sequence,
             payload = jsonb_build_object(
               'eventId', o.id,
               'occurredAt', to_char(o.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'leadId', COALESCE(o.payload -> 'leadId', 'null'::jsonb),
               'sequence', n.sequence,
               'schemaVersion', '1.0') || o.payload
        FROM (SELECT seq, row_number() OVER (PARTITION BY partition_key ORDER BY seq) AS sequence
                FROM outbox) n
       WHERE o.seq = n.seq`);
    await queryRunner.query(`
      INSERT INTO event_sequences (stream_key, last_sequence)
      SELECT partition_key, max(sequence) FROM outbox
       WHERE type <> 'intake.submission.rejected.v1'
       GROUP BY partition_key`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_outbox_key_sequence" ON "outbox" ("partition_key", "sequence") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_outbox_key_sequence"`);
    await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "sequence"`);
    await queryRunner.query(`DROP TABLE "outbox_retention"`);
    await queryRunner.query(`DROP TABLE "event_sequences"`);
  }
}
