import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import { Submission } from '../domain/submission';
import { SubmissionOrmEntity } from './submission.orm-entity';

@Injectable()
export class SubmissionRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insert(submission: Submission): Promise<void> {
    await this.tx.requireTransaction().insert(SubmissionOrmEntity, { ...submission.snapshot() });
  }
}
