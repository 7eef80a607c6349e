import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LeadsModule } from '@intake/leads';
import { GetFormAccessHandler } from './application/get-form-access/get-form-access.handler';
import { ListFormsHandler } from './application/list-forms/list-forms.handler';
import { SaveFormHandler } from './application/save-form/save-form.handler';
import { SubmissionsOfLeadHandler } from './application/submissions-of-lead/submissions-of-lead.handler';
import { AnswerPacer } from './application/submit-form/answer-pacer';
import { SubmissionMetrics } from './application/submit-form/submission-metrics';
import { SubmitFormHandler } from './application/submit-form/submit-form.handler';
import { FormOrmEntity } from './infrastructure/form.orm-entity';
import { FormRepository } from './infrastructure/form.repository';
import { IdempotencyKeyOrmEntity } from './infrastructure/idempotency-key.orm-entity';
import { IdempotencyRepository } from './infrastructure/idempotency.repository';
import { IpHasher } from './infrastructure/ip-hasher';
import { SubmissionOrmEntity } from './infrastructure/submission.orm-entity';
import { SubmissionRepository } from './infrastructure/submission.repository';
import { FormsAdminHttpController } from './interface/http/forms-admin.http.controller';
import { SubmitFormHttpController } from './interface/http/submit-form.http.controller';

export interface IntakeOptions {
  ipHashSecret: string;
}

@Module({})
export class IntakeModule {
  static forRoot(options: IntakeOptions): DynamicModule {
    return {
      module: IntakeModule,
      imports: [
        CqrsModule,
        LeadsModule,
        TypeOrmModule.forFeature([FormOrmEntity, SubmissionOrmEntity, IdempotencyKeyOrmEntity]),
      ],
      controllers: [SubmitFormHttpController, FormsAdminHttpController],
      providers: [
        FormRepository,
        SubmissionRepository,
        IdempotencyRepository,
        { provide: IpHasher, useValue: new IpHasher(options.ipHashSecret) },
        SubmitFormHandler,
        AnswerPacer,
        SubmissionMetrics,
        GetFormAccessHandler,
        SubmissionsOfLeadHandler,
        SaveFormHandler,
        ListFormsHandler,
      ],
      exports: [FormRepository, SubmissionMetrics],
    };
  }
}
