import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Proof that a person filled the form: whether it requires a start token, and its captcha
 * widget (provider, site key, secret, fail mode), if any.
 */
export class FormProofOfPerson1796472064006 implements MigrationInterface {
  name = 'FormProofOfPerson1796472064006';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "forms" ADD "require_start_token" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "forms" ADD "captcha" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "forms" DROP COLUMN "captcha"`);
    await queryRunner.query(`ALTER TABLE "forms" DROP COLUMN "require_start_token"`);
  }
}
