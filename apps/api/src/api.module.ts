import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { APP_FILTER } from '@nestjs/core';
import { OutboxModule } from '@intake/events';
import { IntakeModule } from '@intake/intake';
import {
  DatabaseModule,
  HttpExceptionFilter,
  LoggingModule,
  PlatformModule,
} from '@intake/platform';
import { ApiConfig } from './api.config';
import { DemoController } from './demo/demo.controller';
import { HealthModule } from './health/health.module';
import { OpenApiController } from './openapi.controller';

@Module({})
export class ApiModule {
  static forRoot(config: ApiConfig, logDestination?: DestinationStream): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        LoggingModule.forRoot(config.logging, 'intake-api', logDestination),
        PlatformModule,
        DatabaseModule.forRoot(config.database, 'intake-api'),
        OutboxModule,
        IntakeModule.forRoot({ ipHashSecret: config.http.IP_HASH_SECRET }),
        HealthModule.forRoot(config.kafka),
      ],
      controllers: [DemoController, OpenApiController],
      providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
    };
  }
}
