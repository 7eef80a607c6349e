import cluster, { type Worker } from 'node:cluster';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { HealthAnswer } from '@intake/platform';
import { restartDelay } from './restart-delay';

export const API_CLUSTER_OPTIONS = Symbol('API_CLUSTER_OPTIONS');

export interface ApiClusterOptions {
  /** How many api processes to keep running. */
  processes: number;
  /** The wait before restarting a process that died; it doubles while processes die young. */
  firstRestartDelayMs: number;
  maxRestartDelayMs: number;
  /** A process that lived this long counts as having started well: the wait starts over. */
  stableAfterMs: number;
  /** How long the processes get to finish their requests on shutdown before SIGKILL. */
  stopTimeoutMs: number;
}

interface Child {
  worker: Worker;
  startedAt: number;
  listening: boolean;
}

/**
 * The api's primary process when API_PROCESSES > 1: it forks that many api processes, which share
 * the HTTP port through node:cluster, and keeps them running. A process that dies is logged (at
 * error: it is a crash) and restarted after a wait that doubles while processes keep dying young.
 * On SIGTERM or SIGINT it sends SIGTERM to every process and waits for each to finish its requests
 * and close, as a lone api does, before it exits itself. The primary serves no request.
 */
@Injectable()
export class ApiCluster implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ApiCluster.name);
  private readonly children = new Map<number, Child>();
  private readonly restarts = new Set<NodeJS.Timeout>();
  private stopping = false;
  private youngDeaths = 0;

  constructor(@Inject(API_CLUSTER_OPTIONS) private readonly options: ApiClusterOptions) {}

  onApplicationBootstrap(): void {
    for (let i = 0; i < this.options.processes; i += 1) this.fork();
    this.logger.log({ processes: this.options.processes }, 'api processes starting');
  }

  /** Ready while at least one process listens; `ok` when all of them do. */
  health(): HealthAnswer {
    const listening = [...this.children.values()].filter((c) => c.listening).length;
    const wanted = this.options.processes;
    return {
      ready: listening > 0,
      body: {
        status: listening === wanted ? 'ok' : listening > 0 ? 'degraded' : 'unavailable',
        processes: { wanted, listening },
      },
    };
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const timer of this.restarts) clearTimeout(timer);
    this.restarts.clear();
    await Promise.all([...this.children.values()].map(({ worker }) => this.stop(worker)));
    this.logger.log('api processes stopped');
  }

  private fork(): void {
    const worker = cluster.fork();
    const child: Child = { worker, startedAt: Date.now(), listening: false };
    this.children.set(worker.id, child);
    worker.on('listening', () => (child.listening = true));
    worker.once('exit', (code, signal) => this.exited(child, code, signal));
  }

  private exited(child: Child, code: number | null, signal: string | null): void {
    this.children.delete(child.worker.id);
    if (this.stopping) return;
    const livedMs = Date.now() - child.startedAt;
    this.youngDeaths = livedMs < this.options.stableAfterMs ? this.youngDeaths + 1 : 1;
    const restartInMs = restartDelay(
      this.youngDeaths,
      this.options.firstRestartDelayMs,
      this.options.maxRestartDelayMs,
    );
    this.logger.error(
      { pid: child.worker.process.pid, code, signal, livedMs, restartInMs },
      'api process died; restarting it',
    );
    const timer = setTimeout(() => {
      this.restarts.delete(timer);
      if (!this.stopping) this.fork();
    }, restartInMs);
    this.restarts.add(timer);
  }

  /** SIGTERM: the process closes as a lone api does (Nest's shutdown hooks); SIGKILL if it hangs. */
  private stop(worker: Worker): Promise<void> {
    if (worker.isDead()) return Promise.resolve();
    return new Promise((resolve) => {
      const kill = setTimeout(() => {
        this.logger.warn({ pid: worker.process.pid }, 'api process did not stop in time; killing');
        worker.process.kill('SIGKILL');
      }, this.options.stopTimeoutMs);
      worker.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      worker.process.kill('SIGTERM');
    });
  }
}
