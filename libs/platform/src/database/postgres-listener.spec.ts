import { PostgresListener, reconnectDelay } from './postgres-listener';

describe('reconnectDelay', () => {
  it('doubles from the minimum and stops at the maximum', () => {
    const top = (n: number) => reconnectDelay(n, 250, 10_000, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(top)).toEqual([
      250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it('is drawn from the upper half, so instances spread out', () => {
    expect(reconnectDelay(3, 250, 10_000, () => 0)).toBe(500);
    expect(reconnectDelay(3, 250, 10_000, () => 0.5)).toBe(750);
  });
});

describe('PostgresListener', () => {
  it('refuses a channel name it would have to quote', () => {
    const make = (channel: string) =>
      new PostgresListener({
        database: { connectionString: 'postgres://x', ssl: false },
        applicationName: 't',
        channel,
      });
    expect(() => make('intake_lead_changes')).not.toThrow();
    expect(() => make('x; DROP TABLE leads')).toThrow(/channel/);
    expect(() => make('Intake')).toThrow(/channel/);
  });
});
