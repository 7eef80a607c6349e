/**
 * One assigner process for `bench:assign`: the worker's scheduling module on its own
 * connections. It routes everything due when told to go, then reports how many it routed.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { LeadRouter } from '@intake/scheduling';
import { loadWorkerConfig } from '../apps/worker/src/worker.config';
import { WorkerModule } from '../apps/worker/src/worker.module';

async function main(): Promise<void> {
  const context = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(loadWorkerConfig(process.env), { autoStart: false, scheduling: false }),
    { logger: false },
  );
  const router = context.get(LeadRouter);
  process.send?.({ ready: true });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  let routed = 0;
  for (;;) {
    const n = await router.routeDue(new Date(), 1000);
    routed += n;
    if (n === 0) break;
  }
  process.send?.({ routed });
  await context.close();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
