import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import {
  LEAD_CHANGE_SUBSCRIBERS,
  LeadChangeSubscriber,
} from './application/react-to-changes/lead-reactions';
import { CONTACT_HASH_SECRET } from './infrastructure/contact-suppressions';

/**
 * Where a process is composed (ApiModule, WorkerModule, a script's module), it says who reacts
 * to lead changes: `LeadReactionsModule.forRoot([SchedulingReactions])`. A process that loads
 * leads without saying it does not start (LeadReactions refuses to be built), so no process can
 * change leads and silently skip the follow-ups. `[]` is a valid, deliberate answer.
 */
@Global()
@Module({})
export class LeadReactionsModule {
  static forRoot(subscribers: readonly Type<LeadChangeSubscriber>[]): DynamicModule {
    return {
      module: LeadReactionsModule,
      providers: [{ provide: LEAD_CHANGE_SUBSCRIBERS, useValue: subscribers }],
      exports: [LEAD_CHANGE_SUBSCRIBERS],
    };
  }
}

/**
 * The api says which secret keys do-not-contact hashes (`LeadPrivacyModule.forRoot(secret)`):
 * capture checks them and erasure writes them. A process without it (the worker) never does
 * either, and fails loudly if it tries.
 */
@Global()
@Module({})
export class LeadPrivacyModule {
  static forRoot(contactHashSecret: string): DynamicModule {
    return {
      module: LeadPrivacyModule,
      providers: [{ provide: CONTACT_HASH_SECRET, useValue: contactHashSecret }],
      exports: [CONTACT_HASH_SECRET],
    };
  }
}
