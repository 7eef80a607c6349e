import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxOrmEntity } from './infrastructure/outbox.orm-entity';
import { OutboxWriter } from './infrastructure/outbox-writer';

/** What a context needs to emit events: the outbox writer. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxOrmEntity])],
  providers: [OutboxWriter],
  exports: [OutboxWriter],
})
export class OutboxModule {}
