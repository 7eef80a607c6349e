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

  async insert(followUp: FollowUp): Promise<void> {
    await this.followUps.insert(followUp);
    await this.outbox.append(followUp.pullEvents().map(toIntegrationEvent));
  }

  async update(followUp: FollowUp): Promise<void> {
    await this.followUps.update(followUp);
    await this.outbox.append(followUp.pullEvents().map(toIntegrationEvent));
  }
}
