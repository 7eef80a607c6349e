import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Parked records: an outbox row the broker refused RELAY_MAX_ATTEMPTS times stops holding back
 * its key's later events. Generated from the entity.
 */
export class ParkedEvents1796468364110 implements MigrationInterface {
  name = 'ParkedEvents1796468364110';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox" ADD "parked_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "outbox" ADD "parked_reason" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "parked_reason"`);
    await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "parked_at"`);
  }
}
