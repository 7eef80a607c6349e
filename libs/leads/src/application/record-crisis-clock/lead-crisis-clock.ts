import { Injectable } from '@nestjs/common';
import { IdGenerator } from '@intake/platform';
import { CrisisMilestone, crisisMilestoneEntry } from '../../domain/lead-history';
import { LeadRecordsRepository } from '../../infrastructure/lead-records.repository';

/**
 * Writes the crisis clock's milestones on the lead's history, in the caller's transaction (the
 * acknowledgement's, or the notifications consumer's for a first contact). The lead itself does
 * not change: no new version, a line beside it like a note.
 */
@Injectable()
export class LeadCrisisClock {
  constructor(
    private readonly records: LeadRecordsRepository,
    private readonly ids: IdGenerator,
  ) {}

  async record(milestone: CrisisMilestone, requestId: string | null = null): Promise<void> {
    await this.records.appendHistory([
      { ...crisisMilestoneEntry(milestone), id: this.ids.next(), requestId },
    ]);
  }
}
