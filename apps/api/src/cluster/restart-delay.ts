/**
 * How long to wait before restarting an api process that died: `first` after one death, doubling
 * with each process in a row that died young, never more than `max`. A crash loop (a process that
 * dies while starting) then costs a restart every `max` at most, not a busy fork loop.
 */
export function restartDelay(deathsInARow: number, first: number, max: number): number {
  return Math.min(max, first * 2 ** Math.max(0, Math.min(deathsInARow - 1, 30)));
}
