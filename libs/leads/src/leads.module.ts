import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AddNoteHandler } from './application/add-note/add-note.handler';
import { DecideContactHandler } from './application/decide-contact/decide-contact.handler';
import { AssignOwnerHandler } from './application/assign-owner/assign-owner.handler';
import { LeadAutomation } from './application/automate-lead/lead-automation';
import { CaptureLead } from './application/capture-lead/capture-lead.service';
import { ChangePriorityHandler } from './application/change-priority/change-priority.handler';
import { GetLeadHandler } from './application/get-lead/get-lead.handler';
import { ListAccessLogHandler } from './application/list-access-log/list-access-log.handler';
import { ListLeadsHandler } from './application/list-leads/list-leads.handler';
import { ListNotesHandler } from './application/list-notes/list-notes.handler';
import { LeadSummariesHandler } from './application/summarize-leads/lead-summaries.handler';
import { RecordContactAttemptHandler } from './application/record-contact-attempt/record-contact-attempt.handler';
import { AccessLogger } from './application/record-access/access-logger';
import { LeadChanges } from './application/write-lead/lead-changes';
import { LeadReactions } from './application/react-to-changes/lead-reactions';
import { LeadPresenter } from './application/present-lead/lead-presenter';
import { LeadWriter } from './application/write-lead/lead-writer';
import { LeadCrisisClock } from './application/record-crisis-clock/lead-crisis-clock';
import { TransitionLeadHandler } from './application/transition-lead/transition-lead.handler';
import {
  GetRetentionSettingsHandler,
  ReplaceRetentionSettingsHandler,
} from './application/manage-retention/retention-settings.handlers';
import { RetentionRepository } from './infrastructure/retention.repository';
import { RetentionSettingsHttpController } from './interface/http/retention-settings.http.controller';
import { EraseLeadsHandler } from './application/erase-leads/erase-leads.handler';
import { ContactSuppressions } from './infrastructure/contact-suppressions';
import { ErasureRepository } from './infrastructure/erasure.repository';
import { LeadDeidentifier } from './infrastructure/lead-deidentifier';
import { AccessLogOrmEntity } from './infrastructure/access-log.orm-entity';
import { ContactAttemptOrmEntity } from './infrastructure/contact-attempt.orm-entity';
import { ContactToConfirmOrmEntity } from './infrastructure/contact-to-confirm.orm-entity';
import { LeadHistoryOrmEntity } from './infrastructure/lead-history.orm-entity';
import { LeadNoteOrmEntity } from './infrastructure/lead-note.orm-entity';
import { LeadReadModel } from './infrastructure/lead-read-model';
import { LeadRecordsRepository } from './infrastructure/lead-records.repository';
import { LeadOrmEntity } from './infrastructure/lead.orm-entity';
import { LeadRepository } from './infrastructure/lead.repository';
import { AccessLogHttpController } from './interface/http/access-log.http.controller';
import { LeadsHttpController } from './interface/http/leads.http.controller';
import { LeadConsentsHttpController } from './interface/http/lead-consents.http.controller';
import { ConsentLedgerRepository } from './infrastructure/consent-ledger.repository';
import { RecordConsentHandler } from './application/record-consent/record-consent.handler';
import { ListConsentsHandler } from './application/list-consents/list-consents.handler';
import { GetContactRulesHandler } from './application/get-contact-rules/get-contact-rules.handler';
import { ReplaceContactRulesHandler } from './application/replace-contact-rules/replace-contact-rules.handler';

/** Leads: capture from intake, and the coordinator API (needs AccessModule for who is asking). */
@Module({
  imports: [
    CqrsModule,
    TypeOrmModule.forFeature([
      LeadOrmEntity,
      ContactAttemptOrmEntity,
      ContactToConfirmOrmEntity,
      LeadNoteOrmEntity,
      LeadHistoryOrmEntity,
      AccessLogOrmEntity,
    ]),
  ],
  controllers: [
    LeadsHttpController,
    LeadConsentsHttpController,
    AccessLogHttpController,
    RetentionSettingsHttpController,
  ],
  providers: [
    LeadRepository,
    LeadRecordsRepository,
    ConsentLedgerRepository,
    RecordConsentHandler,
    ListConsentsHandler,
    GetContactRulesHandler,
    ReplaceContactRulesHandler,
    LeadReadModel,
    LeadChanges,
    LeadReactions,
    LeadAutomation,
    AccessLogger,
    LeadWriter,
    LeadPresenter,
    CaptureLead,
    TransitionLeadHandler,
    RecordContactAttemptHandler,
    AssignOwnerHandler,
    ChangePriorityHandler,
    AddNoteHandler,
    DecideContactHandler,
    ListLeadsHandler,
    GetLeadHandler,
    ListNotesHandler,
    LeadSummariesHandler,
    ListAccessLogHandler,
    LeadCrisisClock,
    EraseLeadsHandler,
    ErasureRepository,
    LeadDeidentifier,
    ContactSuppressions,
    RetentionRepository,
    GetRetentionSettingsHandler,
    ReplaceRetentionSettingsHandler,
  ],
  exports: [CaptureLead, LeadAutomation, LeadReactions, LeadCrisisClock, LeadDeidentifier],
})
export class LeadsModule {}
