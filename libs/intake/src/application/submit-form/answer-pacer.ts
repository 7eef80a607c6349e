import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';

/** How many recent real submissions the pace is drawn from. */
const SAMPLES = 256;
/** A slow outlier never holds a spam answer longer than this. */
const MAX_HOLD_MS = 2_000;

/**
 * Spam is cheaper to store than a real request (no lead, history or routing rows), so it would
 * be answered a few milliseconds sooner, and a bot could time whether it was caught. The pacer
 * keeps how long recent real submissions took and holds each spam answer until a duration drawn
 * from them has passed, so both come back on the same schedule (`npm run bench:answer`).
 */
@Injectable()
export class AnswerPacer {
  private readonly durations: number[] = [];
  private next = 0;

  /** A real submission took `ms` from its start to its commit. */
  record(ms: number): void {
    if (this.durations.length < SAMPLES) this.durations.push(ms);
    else this.durations[this.next] = ms;
    this.next = (this.next + 1) % SAMPLES;
  }

  /** Waits until a real submission's duration, drawn at random, has passed since `startedAt`. */
  async hold(
    startedAt: number,
    now: () => number = performance.now.bind(performance),
  ): Promise<void> {
    if (this.durations.length === 0) return;
    const target = this.durations[Math.floor(Math.random() * this.durations.length)]!;
    const wait = Math.min(target, MAX_HOLD_MS) - (now() - startedAt);
    if (wait > 0) await sleep(wait);
  }
}
