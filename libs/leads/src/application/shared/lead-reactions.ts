import { Injectable } from '@nestjs/common';
import { LeadEvent } from '../../domain/lead';

/** A context that keeps its own records in step with a lead, in the lead change's transaction. */
export interface LeadChangeReaction {
  onLeadChanged(events: readonly LeadEvent[]): Promise<void>;
}

/**
 * Reactions run inside the transaction of every lead change, so a 2xx for a contact attempt also
 * means its next follow-up is committed. Leads knows nothing of who subscribes.
 */
@Injectable()
export class LeadReactions {
  private readonly reactions: LeadChangeReaction[] = [];

  subscribe(reaction: LeadChangeReaction): void {
    if (!this.reactions.includes(reaction)) this.reactions.push(reaction);
  }

  async run(events: readonly LeadEvent[]): Promise<void> {
    for (const reaction of this.reactions) await reaction.onLeadChanged(events);
  }
}
