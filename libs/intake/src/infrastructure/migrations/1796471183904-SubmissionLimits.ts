import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-form submission limits, and the counters that enforce them across api instances. The
 * counters are UNLOGGED: they are rewritten on every submission, and losing them in a crash
 * (all limits start afresh) costs nothing, so they skip the WAL.
 */
export class SubmissionLimits1796471183904 implements MigrationInterface {
  name = 'SubmissionLimits1796471183904';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "throttle_counters" ("key" text NOT NULL, "hits" integer NOT NULL, "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "blocked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0d6e00f6811746d8c018db8d58d" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "forms" ADD "limits" jsonb NOT NULL DEFAULT '{"perForm": {"limit": 300, "windowSeconds": 60}, "perSource": {"limit": 20, "windowSeconds": 600}, "perContact": {"limit": 5, "windowSeconds": 3600}}'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "forms" DROP COLUMN "limits"`);
    await queryRunner.query(`DROP TABLE "throttle_counters"`);
  }
}
