import {
  collectDefaultMetrics,
  Counter,
  CounterConfiguration,
  Gauge,
  GaugeConfiguration,
  Histogram,
  HistogramConfiguration,
  Registry,
} from 'prom-client';
import { SharedReading } from './shared-reading';

/** Every metric Intake defines starts with this. */
export const METRIC_PREFIX = 'intake_';

/** Seconds: from a fast query to a request held for a slow client. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** One gauge of a sampled reading: its name, help and the part of the reading it shows. */
export interface SampledGauge<T> {
  name: `${typeof METRIC_PREFIX}${string}`;
  help: string;
  value: (reading: T) => number;
}

type Config<T extends { name: string; registers?: unknown }, L extends string> = Omit<
  T,
  'registers'
> & { name: `${typeof METRIC_PREFIX}${string}`; labelNames?: readonly L[] };

/**
 * One process's metrics: a registry of its own (never prom-client's global one, so several apps
 * in one process, as in the e2e suites, each count their own), the process metrics prom-client
 * collects, and every series labelled with the service's name. Contexts define their metrics
 * through it and never write the exposition format themselves.
 *
 * Labels must stay few and free of personal data: codes and route templates, never an id, a
 * name, an email, a phone number or free text.
 */
export class Metrics {
  readonly registry = new Registry();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
  }

  counter<L extends string = never>(config: Config<CounterConfiguration<L>, L>): Counter<L> {
    return new Counter<L>({ ...config, registers: [this.registry] } as CounterConfiguration<L>);
  }

  gauge<L extends string = never>(config: Config<GaugeConfiguration<L>, L>): Gauge<L> {
    return new Gauge<L>({ ...config, registers: [this.registry] } as GaugeConfiguration<L>);
  }

  histogram<L extends string = never>(config: Config<HistogramConfiguration<L>, L>): Histogram<L> {
    return new Histogram<L>({ ...config, registers: [this.registry] } as HistogramConfiguration<L>);
  }

  private readonly sources = new Map<string, SharedReading<unknown>>();

  /**
   * Gauges read at scrape time, all from one reading per scrape (a query, say). When the reading
   * fails they keep their last values and `intake_gauge_source_up{source}` says 0, so a stuck
   * database never fails the whole scrape.
   */
  sampledGauges<T>(source: string, read: () => Promise<T>, gauges: SampledGauge<T>[]): void {
    if (this.sources.size === 0) this.sourceUpGauge();
    const reading = new SharedReading(read);
    this.sources.set(source, reading);
    for (const g of gauges) {
      this.gauge({
        name: g.name,
        help: g.help,
        async collect() {
          const value = await reading.get().then(g.value, () => null);
          if (value !== null) this.set(value);
        },
      });
    }
  }

  private sourceUpGauge(): void {
    const sources = this.sources;
    this.gauge<'source'>({
      name: 'intake_gauge_source_up',
      help: '1 when the scrape-time reading of this source succeeded; 0 when it failed (its gauges then keep their last values).',
      labelNames: ['source'],
      async collect() {
        for (const [source, reading] of sources) {
          const ok = await reading.get().then(
            () => 1,
            () => 0,
          );
          this.set({ source }, ok);
        }
      },
    });
  }

  /** The Prometheus text exposition of every metric, gauges sampled now. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
