import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LeadsModule } from '@intake/leads';
import { GetFormAccessHandler } from './application/get-form-access/get-form-access.handler';
import { ListFormsHandler } from './application/list-forms/list-forms.handler';
import { SaveFormHandler } from './application/save-form/save-form.handler';
import { SubmissionsOfLeadHandler } from './application/submissions-of-lead/submissions-of-lead.handler';
import { AnswerPacer } from './application/submit-form/answer-pacer';
import { SubmissionThrottle } from './application/submit-form/submission-throttle';
import { SubmissionMetrics } from './application/submit-form/submission-metrics';
import { SubmitFormHandler } from './application/submit-form/submit-form.handler';
import { FormOrmEntity } from './infrastructure/form.orm-entity';
import { FormRepository } from './infrastructure/form.repository';
import { IdempotencyRepository } from './infrastructure/idempotency.repository';
import { KeyedHasher } from './infrastructure/keyed-hasher';
import { CaptchaEndpoints, CaptchaVerifier } from './infrastructure/captcha-verifier';
import { StartTokens } from './infrastructure/start-tokens';
import { IssueStartTokenHandler } from './application/issue-start-token/issue-start-token.handler';
import { PostgresThrottlerStorage } from './infrastructure/postgres-throttler.storage';
import { SubmissionRepository } from './infrastructure/submission.repository';
import { ErasuresHttpController } from './interface/http/erasures.http.controller';
import { FormsAdminHttpController } from './interface/http/forms-admin.http.controller';
import { ConsentWordingsHttpController } from './interface/http/consent-wordings.http.controller';
import { ConsentWordingRepository } from './infrastructure/consent-wording.repository';
import { ListConsentWordingsHandler } from './application/list-consent-wordings/list-consent-wordings.handler';
import { PublishConsentWordingHandler } from './application/publish-consent-wording/publish-consent-wording.handler';
import { SubmitFormHttpController } from './interface/http/submit-form.http.controller';
import { StartTokenHttpController } from './interface/http/start-token.http.controller';

export interface IntakeOptions {
  ipHashSecret: string;
  startTokenSecret: string;
  startTokenMaxAgeSeconds: number;
  captcha: CaptchaEndpoints;
}

@Module({})
class IntakeThrottlingModule {}

@Module({})
export class IntakeModule {
  static forRoot(options: IntakeOptions): DynamicModule {
    // What both the use cases and the throttler guard's options need.
    const throttling: DynamicModule = {
      module: IntakeThrottlingModule,
      providers: [
        FormRepository,
        { provide: KeyedHasher, useValue: new KeyedHasher(options.ipHashSecret) },
        PostgresThrottlerStorage,
        SubmissionThrottle,
      ],
      exports: [FormRepository, KeyedHasher, PostgresThrottlerStorage, SubmissionThrottle],
    };
    return {
      module: IntakeModule,
      imports: [
        CqrsModule,
        LeadsModule,
        TypeOrmModule.forFeature([FormOrmEntity]),
        throttling,
        ThrottlerModule.forRootAsync({
          imports: [throttling],
          inject: [SubmissionThrottle, PostgresThrottlerStorage],
          useFactory: (throttle: SubmissionThrottle, storage: PostgresThrottlerStorage) => ({
            storage,
            // Limits are per form and not for strangers to read: only Retry-After on a refusal.
            setHeaders: false,
            throttlers: throttle.throttlers(),
          }),
        }),
      ],
      controllers: [
        SubmitFormHttpController,
        StartTokenHttpController,
        FormsAdminHttpController,
        ConsentWordingsHttpController,
        ErasuresHttpController,
      ],
      providers: [
        SubmissionRepository,
        ConsentWordingRepository,
        PublishConsentWordingHandler,
        ListConsentWordingsHandler,
        IdempotencyRepository,
        SubmitFormHandler,
        {
          provide: StartTokens,
          useValue: new StartTokens(
            options.startTokenSecret,
            options.startTokenMaxAgeSeconds * 1000,
          ),
        },
        { provide: CaptchaVerifier, useValue: new CaptchaVerifier(options.captcha) },
        IssueStartTokenHandler,
        AnswerPacer,
        SubmissionMetrics,
        GetFormAccessHandler,
        SubmissionsOfLeadHandler,
        SaveFormHandler,
        ListFormsHandler,
      ],
      exports: [throttling, SubmissionMetrics],
    };
  }
}
