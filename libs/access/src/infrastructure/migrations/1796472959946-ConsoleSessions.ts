import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console's sign-in: server-side sessions (a hash of the cookie's value, the CSRF token, idle
 * and absolute expiry) and the sign-ins on their way through the identity provider. Generated
 * from the entities; the worker's housekeeping deletes what has expired.
 */
export class ConsoleSessions1796472959946 implements MigrationInterface {
  name = 'ConsoleSessions1796472959946';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "auth_sessions" ("id" uuid NOT NULL, "token_hash" text NOT NULL, "staff_id" uuid NOT NULL, "csrf_token" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "absolute_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_641507381f32580e8479efc36cd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_auth_sessions_token_hash" ON "auth_sessions"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_auth_sessions_expires_at" ON "auth_sessions"  ("expires_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_auth_sessions_staff_id" ON "auth_sessions"  ("staff_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_pending_logins" ("state_hash" text NOT NULL, "browser_hash" text NOT NULL, "nonce" text NOT NULL, "code_verifier" text NOT NULL, "return_to" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ad89cf0547893b7f0dd40df044a" PRIMARY KEY ("state_hash"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_auth_pending_logins_expires_at" ON "auth_pending_logins"  ("expires_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_sessions" ADD CONSTRAINT "fk_auth_sessions_staff" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "auth_sessions" DROP CONSTRAINT "fk_auth_sessions_staff"`);
    await queryRunner.query(`DROP INDEX "public"."idx_auth_pending_logins_expires_at"`);
    await queryRunner.query(`DROP TABLE "auth_pending_logins"`);
    await queryRunner.query(`DROP INDEX "public"."idx_auth_sessions_staff_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_auth_sessions_expires_at"`);
    await queryRunner.query(`DROP INDEX "public"."uq_auth_sessions_token_hash"`);
    await queryRunner.query(`DROP TABLE "auth_sessions"`);
  }
}
