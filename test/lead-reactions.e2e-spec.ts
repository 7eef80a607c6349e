import { DynamicModule, Module, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AccessModule } from '@intake/access';
import { OutboxModule } from '@intake/events';
import { LeadChangeSubscriber, LeadReactionsModule } from '@intake/leads';
import { SchedulingModule, SchedulingReactions } from '@intake/scheduling';
import {
  DatabaseModule,
  LoggingModule,
  MetricsModule,
  PlatformModule,
  PrivacyModule,
} from '@intake/platform';
import { loadWorkerConfig } from '../apps/worker/src/worker.config';
import { testEnv } from './support/test-config';

/**
 * A process as the apps compose one (the worker's modules, on the test database), with the
 * lead-change subscribers it declares: `undefined` when it declares none at all.
 */
@Module({})
class Process {
  static with(subscribers: Type<LeadChangeSubscriber>[] | undefined): DynamicModule {
    const config = loadWorkerConfig(testEnv());
    return {
      module: Process,
      imports: [
        LoggingModule.forRoot(config.logging, 'intake-test'),
        PlatformModule,
        MetricsModule.forRoot('intake-test'),
        DatabaseModule.forRoot(config.database, 'intake-test'),
        PrivacyModule.forRoot(config.privacy),
        OutboxModule,
        AccessModule.forRoot({}),
        ...(subscribers ? [LeadReactionsModule.forRoot(subscribers)] : []),
        SchedulingModule.forRoot({}),
      ],
    };
  }
}

/** Builds and starts the process, then closes it whether it started or not. */
async function start(subscribers: Type<LeadChangeSubscriber>[] | undefined): Promise<void> {
  const process = await Test.createTestingModule({
    imports: [Process.with(subscribers)],
  }).compile();
  try {
    await process.init();
  } finally {
    await process.close();
  }
}

describe('a process that changes leads says who reacts, or does not start', () => {
  it('starts with scheduling’s reactions declared where it is composed', async () => {
    await expect(start([SchedulingReactions])).resolves.toBeUndefined();
  });

  it('does not start when it declares nothing', async () => {
    await expect(start(undefined)).rejects.toThrow(/LeadReactionsModule\.forRoot/);
  });

  it('does not start with scheduling loaded but its reactions left out', async () => {
    await expect(start([])).rejects.toThrow(/SchedulingReactions is not declared/);
  });
});
