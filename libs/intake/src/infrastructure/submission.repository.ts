import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import { SubmissionOrmEntity } from './submission.orm-entity';

@Injectable()
export class SubmissionRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insert(submission: SubmissionOrmEntity): Promise<void> {
    await this.tx.requireTransaction().insert(SubmissionOrmEntity, submission);
  }
}
