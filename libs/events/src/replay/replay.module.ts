import { DynamicModule, Module } from '@nestjs/common';
import { EventReplayer, REPLAY_OPTIONS, ReplayOptions } from './event-replayer';
import { ParkedEvents } from './parked-events';

@Module({})
export class ReplayModule {
  static forRoot(options: ReplayOptions): DynamicModule {
    return {
      module: ReplayModule,
      providers: [{ provide: REPLAY_OPTIONS, useValue: options }, EventReplayer, ParkedEvents],
      exports: [EventReplayer, ParkedEvents],
    };
  }
}
