import { Injectable } from '@nestjs/common';
import type {
  CrisisAcknowledgedV1,
  CrisisEscalatedV1,
  CrisisPagedV1,
  LeadAssignedV1,
  LeadContactAttemptedV1,
  LeadErasedV1,
  LeadStatusChangedV1,
  LeadSubmittedV1,
} from '@intake/events';
import { TransactionRunner } from '@intake/platform';
import { stageRankOf } from '../../domain/funnel-stage';
import { groupKeysOf } from '../../domain/group-keys';
import { ProjectionRepository, RecordPosition } from '../../infrastructure/projection.repository';
import { DecodedRecord, LeadEventRecord } from './lead-event-decoder';

export type ProcessResult = 'projected' | 'skipped_unknown_type' | 'duplicate';

export type Processable = Exclude<DecodedRecord, { kind: 'poison' }>;

/**
 * Applies events in one transaction: each id goes into `processed_events` first, and an id seen
 * before (earlier, or earlier in the same batch) changes nothing. The caller commits the Kafka
 * offset only after this returns, so a crash in between re-delivers events this then skips.
 */
@Injectable()
export class EventProcessor {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly projection: ProjectionRepository,
  ) {}

  process(record: Processable, at: RecordPosition): Promise<ProcessResult> {
    return this.tx.run(() => this.apply(record, at));
  }

  /** Several records, in order, in one transaction: all of them are applied or none is. */
  processAll(
    records: ReadonlyArray<{ record: Processable; at: RecordPosition }>,
  ): Promise<ProcessResult[]> {
    return this.tx.run(async () => {
      const results: ProcessResult[] = [];
      for (const { record, at } of records) results.push(await this.apply(record, at));
      return results;
    });
  }

  private async apply(record: Processable, at: RecordPosition): Promise<ProcessResult> {
    const outcome = record.kind === 'event' ? 'projected' : 'skipped_unknown_type';
    const fresh = await this.projection.markProcessed(record, outcome, at);
    if (!fresh) return 'duplicate';
    if (record.sequence !== null) await this.projection.trackSequence(record.key, record.sequence);
    if (record.kind === 'event') await this.project(record);
    return outcome;
  }

  private async project(event: LeadEventRecord): Promise<void> {
    switch (event.type) {
      case 'intake.lead.submitted.v1': {
        const data = event.data as unknown as LeadSubmittedV1;
        await this.projection.leadSubmitted(
          data.leadId,
          data.submittedAt,
          groupKeysOf(data),
          stageRankOf(data.status),
        );
        return;
      }
      case 'intake.lead.status_changed.v1': {
        const data = event.data as unknown as LeadStatusChangedV1;
        await this.projection.stageReached(data.leadId, stageRankOf(data.to));
        return;
      }
      case 'intake.lead.erased.v1': {
        const data = event.data as unknown as LeadErasedV1;
        await this.projection.leadErased(data.leadId);
        return;
      }
      case 'intake.lead.contact_attempted.v1': {
        const data = event.data as unknown as LeadContactAttemptedV1;
        await this.projection.contactAttempted({ ...data, sequence: event.sequence });
        return;
      }
      case 'intake.lead.assigned.v1': {
        const data = event.data as unknown as LeadAssignedV1;
        await this.projection.assigned({
          eventId: event.eventId,
          leadId: data.leadId,
          ownerId: data.ownerId,
          assignedAt: data.assignedAt,
          sequence: event.sequence,
        });
        return;
      }
      case 'intake.crisis.paged.v1': {
        const data = event.data as unknown as CrisisPagedV1;
        await this.projection.crisisPage({
          pageId: data.pageId,
          leadId: data.leadId,
          submittedAt: data.submittedAt,
          pagedAt: data.pagedAt,
        });
        return;
      }
      case 'intake.crisis.escalated.v1': {
        const data = event.data as unknown as CrisisEscalatedV1;
        await this.projection.crisisPage({
          pageId: data.pageId,
          leadId: data.leadId,
          submittedAt: data.submittedAt,
          escalations: data.step,
        });
        return;
      }
      case 'intake.crisis.acknowledged.v1': {
        const data = event.data as unknown as CrisisAcknowledgedV1;
        await this.projection.crisisPage({
          pageId: data.pageId,
          leadId: data.leadId,
          submittedAt: data.submittedAt,
          acknowledgedAt: data.acknowledgedAt,
          secondsToAcknowledge: data.secondsToAcknowledge,
        });
        return;
      }
      default:
        // Counted as processed; nothing in the funnel or speed to lead depends on it.
        return;
    }
  }
}
