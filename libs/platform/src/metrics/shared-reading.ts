/**
 * A reading that several gauges show parts of, taken once per scrape: the first gauge to be
 * collected starts it, the others share it while it runs (a scrape collects every gauge at once)
 * and for `maxAgeMs` after it settled (none by default: the next scrape reads afresh).
 */
export class SharedReading<T> {
  private current: Promise<T> | null = null;
  private settledAt: number | null = null;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly maxAgeMs = 0,
  ) {}

  get(): Promise<T> {
    const fresh = this.settledAt === null || Date.now() - this.settledAt <= this.maxAgeMs;
    if (this.current && fresh) return this.current;
    this.settledAt = null;
    const reading = this.read();
    this.current = reading;
    const settle = () => {
      if (this.current === reading) this.settledAt = Date.now();
    };
    reading.then(settle, settle);
    return reading;
  }
}
