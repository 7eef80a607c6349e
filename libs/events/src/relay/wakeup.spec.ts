import { Wakeup } from './wakeup';

describe('Wakeup', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sleeps until the timeout when nothing signals', async () => {
    const wakeup = new Wakeup();
    let woke = false;
    void wakeup.wait(1000).then(() => (woke = true));
    await jest.advanceTimersByTimeAsync(999);
    expect(woke).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(woke).toBe(true);
  });

  it('wakes at once on a signal', async () => {
    const wakeup = new Wakeup();
    let woke = false;
    void wakeup.wait(60_000).then(() => (woke = true));
    wakeup.signal();
    await Promise.resolve();
    expect(woke).toBe(true);
  });

  it('remembers a signal that came while nobody waited, once', async () => {
    const wakeup = new Wakeup();
    wakeup.signal();
    wakeup.signal();
    let first = false;
    let second = false;
    void wakeup.wait(60_000).then(() => (first = true));
    await Promise.resolve();
    void wakeup.wait(60_000).then(() => (second = true));
    await Promise.resolve();
    expect([first, second]).toEqual([true, false]);
  });
});
