import { Logger } from '@nestjs/common';

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
