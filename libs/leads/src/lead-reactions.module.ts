import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import {
  LEAD_CHANGE_SUBSCRIBERS,
  LeadChangeSubscriber,
} from './application/react-to-changes/lead-reactions';

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
