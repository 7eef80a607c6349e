import { nearestRankPercentile, share } from './percentile';

describe('nearestRankPercentile', () => {
  it('is the smallest value with at least p of the values at or below it', () => {
    // 4 values: p50 is the 2nd (2 of 4 ≤ it), p90 the 4th (3 of 4 = 75 % is not enough).
    expect(nearestRankPercentile([900, 60, 240, 120], 0.5)).toBe(120);
    expect(nearestRankPercentile([900, 60, 240, 120], 0.9)).toBe(900);
    // 10 values: p90 is exactly the 9th.
    const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(nearestRankPercentile(ten, 0.9)).toBe(90);
    expect(nearestRankPercentile(ten, 0.5)).toBe(50);
    expect(nearestRankPercentile(ten, 1)).toBe(100);
  });

  it('returns a value that occurs, never an interpolation', () => {
    expect(nearestRankPercentile([1, 100], 0.5)).toBe(1);
    expect(nearestRankPercentile([7], 0.9)).toBe(7);
  });

  it('is null without values and refuses p outside (0, 1]', () => {
    expect(nearestRankPercentile([], 0.5)).toBeNull();
    expect(() => nearestRankPercentile([1], 0)).toThrow(RangeError);
    expect(() => nearestRankPercentile([1], 1.5)).toThrow(RangeError);
  });
});

describe('share', () => {
  it('rounds to 4 decimals and is null for an empty whole', () => {
    expect(share(1, 3)).toBe(0.3333);
    expect(share(2, 3)).toBe(0.6667);
    expect(share(0, 5)).toBe(0);
    expect(share(0, 0)).toBeNull();
  });
});
