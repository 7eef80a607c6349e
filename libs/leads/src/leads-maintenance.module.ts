import { DynamicModule, Module } from '@nestjs/common';
import {
  RETENTION_JOB_OPTIONS,
  RetentionJob,
  RetentionJobOptions,
} from './application/apply-retention/retention-job';
import { LeadDeidentifier } from './infrastructure/lead-deidentifier';
import { RetentionRepository } from './infrastructure/retention.repository';

/** Leads' background housekeeping, run by the worker: the clinic's retention policy. */
@Module({})
export class LeadsMaintenanceModule {
  static forRoot(options: RetentionJobOptions): DynamicModule {
    return {
      module: LeadsMaintenanceModule,
      providers: [
        { provide: RETENTION_JOB_OPTIONS, useValue: options },
        RetentionRepository,
        LeadDeidentifier,
        RetentionJob,
      ],
      exports: [RetentionJob],
    };
  }
}
