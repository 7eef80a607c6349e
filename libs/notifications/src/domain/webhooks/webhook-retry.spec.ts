import { isDelivered, nextAttemptAt } from './webhook-retry';

const policy = { firstRetryMs: 10_000, maxRetryMs: 3_600_000, giveUpAfterMs: 86_400_000 };
const first = new Date('2026-12-05T00:00:00Z');
const after = (ms: number) => new Date(first.getTime() + ms);

describe('webhook retries', () => {
  it('doubles the wait after each failure, up to the cap', () => {
    expect(nextAttemptAt(1, first, first, policy)).toEqual(after(10_000));
    expect(nextAttemptAt(2, first, after(10_000), policy)).toEqual(after(30_000));
    expect(nextAttemptAt(3, first, after(30_000), policy)).toEqual(after(70_000));
    expect(nextAttemptAt(20, first, after(3_600_000), policy)).toEqual(after(7_200_000));
  });

  it('tries once more at the end of the day, then gives up', () => {
    const late = after(86_400_000 - 60_000);
    expect(nextAttemptAt(30, first, late, policy)).toEqual(after(86_400_000));
    expect(nextAttemptAt(31, first, after(86_400_000), policy)).toBeNull();
  });

  it('counts only 2xx as delivered', () => {
    expect([200, 204, 299].every(isDelivered)).toBe(true);
    expect([199, 301, 400, 410, 500].some(isDelivered)).toBe(false);
  });
});
