import { DynamicModule, Global, Module } from '@nestjs/common';
import { Metrics } from './metrics';

/**
 * The process's Metrics, for every context to define its own on. Every app imports it once, with
 * its name (`intake-api`, …); where the metrics are served is the app's MetricsServer.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: MetricsModule,
      providers: [{ provide: Metrics, useFactory: () => new Metrics(service) }],
      exports: [Metrics],
    };
  }
}
