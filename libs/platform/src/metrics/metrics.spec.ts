import { routeLabel, UNMATCHED_ROUTE } from './http-metrics';
import { Metrics } from './metrics';
import { SharedReading } from './shared-reading';

describe('Metrics', () => {
  it('labels every series with the service and prefixes the process metrics', async () => {
    const metrics = new Metrics('intake-test');
    metrics.counter({ name: 'intake_things_total', help: 'things' }).inc();
    const text = await metrics.exposition();
    expect(text).toContain('intake_things_total{service="intake-test"} 1');
    expect(text).toMatch(/^intake_process_cpu_user_seconds_total\{service="intake-test"\} /m);
  });

  it('keeps two apps in one process apart (a registry each)', async () => {
    const a = new Metrics('a');
    const b = new Metrics('b');
    a.counter({ name: 'intake_same_total', help: 'same name twice' }).inc(2);
    b.counter({ name: 'intake_same_total', help: 'same name twice' }).inc(5);
    expect(await a.exposition()).toContain('intake_same_total{service="a"} 2');
    expect(await b.exposition()).toContain('intake_same_total{service="b"} 5');
  });

  it('reads sampled gauges once per scrape, and keeps them when the reading fails', async () => {
    const metrics = new Metrics('intake-test');
    let reads = 0;
    let fail = false;
    metrics.sampledGauges(
      'box',
      async () => {
        reads += 1;
        if (fail) throw new Error('database gone');
        return { small: 3, large: 40 };
      },
      [
        { name: 'intake_box_small', help: 'small', value: (r) => r.small },
        { name: 'intake_box_large', help: 'large', value: (r) => r.large },
      ],
    );
    const first = await metrics.exposition();
    expect(reads).toBe(1);
    expect(first).toContain('intake_box_small{service="intake-test"} 3');
    expect(first).toContain('intake_box_large{service="intake-test"} 40');
    expect(first).toContain('intake_gauge_source_up{source="box",service="intake-test"} 1');

    fail = true;
    await new Promise((r) => setTimeout(r, 5));
    const second = await metrics.exposition();
    expect(reads).toBe(2);
    expect(second).toContain('intake_box_large{service="intake-test"} 40');
    expect(second).toContain('intake_gauge_source_up{source="box",service="intake-test"} 0');
  });
});

describe('routeLabel', () => {
  it('is the matched route template, never the URL', () => {
    expect(routeLabel({ baseUrl: '', route: { path: '/v1/leads/:id' } })).toBe('/v1/leads/:id');
    expect(routeLabel({ baseUrl: '/admin', route: { path: '/forms/:key' } })).toBe(
      '/admin/forms/:key',
    );
  });

  it('is one value for every request no route matched', () => {
    expect(routeLabel({ baseUrl: '', route: undefined })).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ baseUrl: '', route: { path: /regex/ } })).toBe(UNMATCHED_ROUTE);
    // Nest's not-found handler, and the same in Express 4's spelling.
    expect(routeLabel({ baseUrl: '', route: { path: '{/*splat}' } })).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ baseUrl: '', route: { path: '*' } })).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ baseUrl: '', route: { path: '/console/*path' } })).toBe('/console/*path');
  });
});

describe('SharedReading', () => {
  it('shares a reading in flight and a fresh one, and reads again once it is stale', async () => {
    let now = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    let reads = 0;
    const reading = new SharedReading(async () => ++reads, 1_000);
    const [a, b] = await Promise.all([reading.get(), reading.get()]);
    expect([a, b]).toEqual([1, 1]);
    now = 900;
    expect(await reading.get()).toBe(1);
    now = 2_000;
    expect(await reading.get()).toBe(2);
    jest.restoreAllMocks();
  });

  it('does not keep a failed reading beyond its age', async () => {
    let calls = 0;
    const reading = new SharedReading(async () => {
      calls += 1;
      if (calls === 1) throw new Error('first fails');
      return calls;
    }, 0);
    await expect(reading.get()).rejects.toThrow('first fails');
    await new Promise((r) => setTimeout(r, 5));
    expect(await reading.get()).toBe(2);
  });
});
