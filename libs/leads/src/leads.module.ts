import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaptureLead } from './application/capture-lead/capture-lead.service';
import { LeadOrmEntity } from './infrastructure/lead.orm-entity';
import { LeadRepository } from './infrastructure/lead.repository';

@Module({
  imports: [TypeOrmModule.forFeature([LeadOrmEntity])],
  providers: [LeadRepository, CaptureLead],
  exports: [CaptureLead],
})
export class LeadsModule {}
