import { Injectable } from '@nestjs/common';
import { Actor, StaffDirectory } from '@intake/access';
import { LeadState } from '../../domain/lead';
import { sourceOf } from '../../infrastructure/lead.mapper';
import { leadView, LeadView } from './lead-views';

/** A lead just written, in the same shape the read side returns. */
@Injectable()
export class LeadPresenter {
  constructor(private readonly staff: StaffDirectory) {}

  async present(state: Readonly<LeadState>, actor: Actor): Promise<LeadView> {
    const names = await this.staff.namesOf(state.ownerId ? [state.ownerId] : []);
    return leadView(
      {
        id: state.id,
        status: state.status,
        statusReason: state.statusReason,
        priority: state.priority,
        crisisFlag: state.crisisFlag,
        ...state.profile,
        email: state.contact.email,
        phone: state.contact.phone,
        formKey: state.formKey,
        source: sourceOf(state.firstTouch),
        firstTouch: state.firstTouch,
        latestTouch: state.latestTouch,
        ownerId: state.ownerId,
        submissionCount: state.submissionCount,
        contactAttemptCount: state.contactAttemptCount,
        firstContactAttemptAt: state.firstContactAttemptAt,
        firstReachedAt: state.firstReachedAt,
        version: state.version,
        createdAt: state.createdAt,
        updatedAt: state.updatedAt,
        lastSubmittedAt: state.lastSubmittedAt,
      },
      names,
      actor,
    );
  }
}
