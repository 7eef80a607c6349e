import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/**
 * Runs a task every `intervalMs`, never two runs at once; a failed run is logged and the next
 * one comes as usual. `stop` waits for a run in progress.
 */
export class PeriodicTask {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly task: () => Promise<void>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  async runOnce(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.task()
      .catch((error: unknown) =>
        this.logger.warn(
          { error: error instanceof Error ? error.message : String(error) },
          `${this.name} failed`,
        ),
      )
      .finally(() => (this.running = null));
    return this.running;
  }
}

/**
 * A provider whose work is a PeriodicTask for as long as the app runs: started when the app has
 * bootstrapped, if `autoStart` (tests step it through `runOnce` instead), stopped at shutdown
 * after the run in progress.
 */
export abstract class PeriodicJob implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly task: PeriodicTask;

  protected constructor(name: string, every: { intervalMs: number; autoStart: boolean }) {
    this.task = new PeriodicTask(name, every.intervalMs, () =>
      this.runOnce().then(() => undefined),
    );
    this.autoStart = every.autoStart;
  }

  private readonly autoStart: boolean;

  /**
   * One round of the job's work, bare: it throws, and does not wait for a round the timer started.
   * The timer runs it through `task.runOnce`, one round at a time, a failure logged.
   */
  abstract runOnce(): Promise<unknown>;

  onApplicationBootstrap(): void {
    if (this.autoStart) this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }
}
