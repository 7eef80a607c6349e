import { Injectable } from '@nestjs/common';
import { Actor, StaffDirectory } from '@intake/access';
import { ContactAttempt } from '../../domain/contact-attempt';
import { sourceOf } from '../../domain/inquiry';
import { LeadState } from '../../domain/lead';
import type { NoteView } from '../add-note/add-note.command';
import type { AttemptView, NoteItemView } from '../get-lead/get-lead.query';
import { leadView, LeadView, staffRef } from './lead-views';

/** What a write returns, in the same shapes the read side returns. */
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
        erasedAt: state.erasedAt,
        doNotContact: state.doNotContact,
      },
      names,
      actor,
    );
  }

  async presentAttempt(attempt: ContactAttempt): Promise<AttemptView> {
    const names = await this.staff.namesOf([attempt.actorId]);
    return {
      id: attempt.id,
      attemptNumber: attempt.attemptNumber,
      channel: attempt.channel,
      outcome: attempt.outcome,
      note: attempt.note,
      callbackAt: attempt.callbackAt,
      actor: staffRef(attempt.actorId, names),
      attemptedAt: attempt.attemptedAt,
      receipt: attempt.receipt,
    };
  }

  async presentNote(note: NoteView): Promise<NoteItemView> {
    const names = await this.staff.namesOf([note.authorId]);
    return {
      id: note.id,
      body: note.body,
      author: staffRef(note.authorId, names),
      createdAt: note.createdAt,
    };
  }
}
