import { useSyncExternalStore } from 'react';

/**
 * One ticking clock for every countdown on the screen. A cell reads it through `useClock` with
 * a function from the time to what it shows (a string), and re-renders only when that changes:
 * a countdown in seconds each second, a local time each minute, the rest of the page never.
 */
const TICK_MS = 1000;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
let current = Date.now();

function tick(): void {
  current = Date.now();
  for (const listener of listeners) listener();
}

export function subscribeClock(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    current = Date.now();
    timer = setInterval(tick, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The clock's time: the last tick while anything listens, the real time otherwise. */
export function clockNow(): number {
  return timer === undefined ? Date.now() : current;
}

/** `show(now)` at every tick; `show` must return a value that compares by value (a string). */
export function useClock<T extends string | number | boolean>(show: (now: Date) => T): T {
  return useSyncExternalStore(subscribeClock, () => show(new Date(clockNow())));
}
