import { AggregatorRegistry } from 'prom-client';
import { Metrics } from './metrics';
import type { MetricsSource } from './metrics-server';

/**
 * An app run as several processes with node:cluster sharing one port: the primary serves
 * `/metrics` on its METRICS_PORT for them all. Each scrape asks every worker for its metrics over
 * the cluster's channel and adds them up (counters and histograms summed; a gauge by the
 * aggregator it was defined with, `sum` unless told), so a scraper sees one service, as it would
 * one process. A worker that does not answer within 5 s fails the scrape (500), never a
 * half-summed one.
 */
export class ClusterMetrics implements MetricsSource {
  private readonly aggregator = new AggregatorRegistry();

  exposition(): Promise<string> {
    return this.aggregator.clusterMetrics();
  }

  get contentType(): string {
    return this.aggregator.contentType;
  }
}

/**
 * In a cluster worker: answer the primary's requests with this process's registry (never
 * prom-client's global one, which Intake does not use). In place of a MetricsServer: the workers
 * share the primary's listener instead of each binding METRICS_PORT.
 */
export class ClusterMetricsReporter {
  constructor(metrics: Metrics) {
    AggregatorRegistry.setRegistries([metrics.registry]);
    // Constructing one installs the worker's listener for the primary's requests.
    new AggregatorRegistry();
  }
}
