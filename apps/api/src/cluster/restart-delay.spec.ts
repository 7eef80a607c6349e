import { restartDelay } from './restart-delay';

describe('restartDelay', () => {
  it('waits the first delay after one death, doubling while processes keep dying young', () => {
    expect([1, 2, 3, 4].map((n) => restartDelay(n, 1_000, 30_000))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
  });

  it('never waits longer than the longest delay, however many deaths', () => {
    expect(restartDelay(6, 1_000, 30_000)).toBe(30_000);
    expect(restartDelay(10_000, 1_000, 30_000)).toBe(30_000);
  });
});
