import { DynamicModule, Module } from '@nestjs/common';
import { ClusterMetrics, LoggingModule, MetricsServer } from '@intake/platform';
import { ApiConfig } from '../api.config';
import { API_CLUSTER_OPTIONS, ApiCluster, ApiClusterOptions } from './api-cluster';

/**
 * The primary process of an api run as several (API_PROCESSES > 1): no database, no routes. It
 * keeps the api processes running, and serves on METRICS_PORT their metrics summed and its own
 * health (how many processes listen).
 */
@Module({})
export class ApiPrimaryModule {
  static forRoot(config: ApiConfig): DynamicModule {
    const options: ApiClusterOptions = {
      processes: config.processes.count(),
      firstRestartDelayMs: 1_000,
      maxRestartDelayMs: 30_000,
      stableAfterMs: 30_000,
      // Past the HTTP server's own wait for requests in flight.
      stopTimeoutMs: 30_000,
    };
    return {
      module: ApiPrimaryModule,
      imports: [LoggingModule.forRoot(config.logging, 'intake-api')],
      providers: [
        { provide: API_CLUSTER_OPTIONS, useValue: options },
        ApiCluster,
        {
          provide: MetricsServer,
          useFactory: (apiCluster: ApiCluster) =>
            new MetricsServer(new ClusterMetrics(), {
              host: config.metrics.METRICS_HOST,
              port: config.metrics.METRICS_PORT,
              health: async () => apiCluster.health(),
            }),
          inject: [ApiCluster],
        },
      ],
    };
  }
}
