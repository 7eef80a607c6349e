import { Global, Module } from '@nestjs/common';
import { OutboxWriter } from './infrastructure/outbox-writer';

/** What a context needs to emit events: the outbox writer. */
@Global()
@Module({
  providers: [OutboxWriter],
  exports: [OutboxWriter],
})
export class OutboxModule {}
