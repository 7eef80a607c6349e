import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@intake/events';
import { FollowUp } from '../../domain/follow-up';
import { FollowUpRepository } from '../../infrastructure/follow-up.repository';
import { toIntegrationEvent } from './follow-up-events';

/** Saves a follow-up and its events together: the only way follow-ups are written. */
@Injectable()
export class FollowUpStore {
  constructor(
    private readonly followUps: FollowUpRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  findOpenForUpdate(leadId: string): Promise<FollowUp | null> {
    return this.followUps.findOpenForUpdate(leadId);
  }

  /** The open follow-ups of these leads, locked, by lead id. */
  findOpenForUpdateMany(leadIds: readonly string[]): Promise<Map<string, FollowUp>> {
    return this.followUps.findOpenForUpdateMany(leadIds);
  }

  /** `insert` for many: the follow-ups in one statement, their events in another. */
  async insertMany(followUps: readonly FollowUp[]): Promise<void> {
    await this.followUps.insertMany(followUps);
    await this.outbox.append(followUps.flatMap((f) => f.pullEvents().map(toIntegrationEvent)));
  }

  async insert(followUp: FollowUp): Promise<void> {
    await this.followUps.insert(followUp);
    await this.outbox.append(followUp.pullEvents().map(toIntegrationEvent));
  }

  async update(followUp: FollowUp): Promise<void> {
    await this.followUps.update(followUp);
    await this.outbox.append(followUp.pullEvents().map(toIntegrationEvent));
  }
}
