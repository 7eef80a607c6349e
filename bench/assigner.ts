/**
 * One assigner process for `bench:assign`: the worker's scheduling module on its own
 * connections. Told to go, it routes everything due and reports how many it routed; in `loop`
 * mode (BENCH_ASSIGNER_MODE) it routes every interval until told to stop.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { LeadRouter } from '@intake/scheduling';
import { loadWorkerConfig } from '../apps/worker/src/worker.config';
import { WorkerModule } from '../apps/worker/src/worker.module';

async function main(): Promise<void> {
  const config = loadWorkerConfig(process.env);
  const context = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(config, { autoStart: false, scheduling: false }),
    { logger: false },
  );
  const router = context.get(LeadRouter);
  process.send?.({ ready: true });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  // The router's batch size, to try another (BENCH_ASSIGN_BATCH); its default otherwise.
  const batchSize = Number(process.env.BENCH_ASSIGN_BATCH) || undefined;
  let routed = 0;
  const startCpu = process.cpuUsage();
  if (process.env.BENCH_ASSIGNER_MODE === 'loop') {
    // As the worker's routing job does: a round every interval, the next tick skipped while
    // one runs; each round reported, for the latency of the leads it routed.
    let stop = false;
    process.once('message', () => (stop = true));
    const every = config.scheduling.SCHEDULING_ROUTING_INTERVAL_MS;
    while (!stop) {
      const started = new Date();
      routed += await router.routeDue(started, undefined, batchSize);
      process.send?.({ started: started.getTime(), ended: Date.now() });
      const next =
        started.getTime() + every * Math.ceil((Date.now() - started.getTime() + 1) / every);
      await new Promise((resolve) => setTimeout(resolve, next - Date.now()));
    }
  } else {
    for (;;) {
      const n = await router.routeDue(new Date(), 1000, batchSize);
      routed += n;
      if (n === 0) break;
    }
  }
  const cpu = process.cpuUsage(startCpu);
  process.send?.({ routed, cpuMs: Math.round((cpu.user + cpu.system) / 1000) });
  await context.close();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
