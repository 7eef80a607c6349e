import type { INestApplicationContext } from '@nestjs/common';
import { Clock } from '@intake/platform';

/** Stops the app's clock at `at` (every service reads time from the one Clock). */
export function setClock(app: INestApplicationContext, at: Date | string): void {
  const fixed = new Date(at);
  app.get(Clock).now = () => new Date(fixed);
}

/** Lets the app's clock run with real time again. */
export function resumeClock(app: INestApplicationContext): void {
  app.get(Clock).now = () => new Date();
}

export interface SuiteClock {
  /** Stops every process of the suite at `time`; answers it. */
  at(time: Date | string): Date;
  /** Where the clock was last stopped (real time until then). */
  now(): Date;
}

/**
 * One stopped clock for the processes a suite runs (the api, the worker…), so they never
 * disagree on the time. The processes are looked up at each call: a suite may make its clock
 * before its beforeAll starts them.
 */
export function clockFor(processes: () => INestApplicationContext[]): SuiteClock {
  let current: Date | null = null;
  return {
    at(time) {
      current = new Date(time);
      for (const app of processes()) setClock(app, current);
      return new Date(current);
    },
    now: () => new Date(current ?? Date.now()),
  };
}

export function secondsAfter(from: Date | string | number, seconds: number): Date {
  return new Date(new Date(from).getTime() + seconds * 1000);
}

export function minutesAfter(from: Date | string | number, minutes: number): Date {
  return secondsAfter(from, minutes * 60);
}
