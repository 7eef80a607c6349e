import { Module } from '@nestjs/common';
import { IdempotencyKeyPruner } from './infrastructure/idempotency-key.pruner';

/** Intake's background housekeeping, run by the worker. */
@Module({ providers: [IdempotencyKeyPruner], exports: [IdempotencyKeyPruner] })
export class IntakeMaintenanceModule {}
