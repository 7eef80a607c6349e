import { Module } from '@nestjs/common';
import { IntakePruner } from './infrastructure/intake.pruner';
import { PostgresThrottlerStorage } from './infrastructure/postgres-throttler.storage';

/** Intake's background housekeeping, run by the worker. */
@Module({ providers: [PostgresThrottlerStorage, IntakePruner], exports: [IntakePruner] })
export class IntakeMaintenanceModule {}
