import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './time/clock';
import { IdGenerator, UuidV7Generator } from './ids/id-generator';

/** The clock and id generator every context shares. */
@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: IdGenerator, useClass: UuidV7Generator },
  ],
  exports: [Clock, IdGenerator],
})
export class PlatformModule {}
