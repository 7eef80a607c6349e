import { Query } from '@nestjs/cqrs';
import type { Actor } from '@intake/access';
import type {
  AccessLogRow,
  ContactAttemptRow,
  ContactToConfirmRow,
  HistoryRow,
  NoteRow,
} from '../../infrastructure/lead-read-model';
import type { LeadView, StaffRef } from '../present-lead/lead-views';

export interface GetLeadProps {
  readonly leadId: string;
  readonly actor: Actor;
  readonly requestId: string | null;
}

export class GetLeadQuery extends Query<LeadDetail> {
  constructor(readonly props: GetLeadProps) {
    super();
  }
}

/**
 * Asked of whichever context keeps submissions (intake answers it), so leads never reads
 * another context's tables.
 */
export interface SubmissionsOfLeadProps {
  readonly leadId: string;
}

export class SubmissionsOfLeadQuery extends Query<SubmissionOfLead[]> {
  constructor(readonly props: SubmissionsOfLeadProps) {
    super();
  }
}

export interface SubmissionOfLead {
  id: string;
  formKey: string;
  receivedAt: Date;
  /** Null once removed (erasure, or retention after the lead closed). */
  fields: Record<string, unknown> | null;
  unknownFields: Record<string, unknown> | null;
  attribution: Record<string, unknown>;
}

export type AttemptView = Omit<ContactAttemptRow, 'actorId' | 'note'> & {
  actor: StaffRef | null;
  note?: string | null;
};
export type NoteItemView = Omit<NoteRow, 'authorId'> & { author: StaffRef | null };
export type HistoryView = Omit<HistoryRow, 'actorId'> & { actor: StaffRef | null };
export type AccessLogView = AccessLogRow;

export interface LeadDetail {
  lead: LeadView;
  /** Raw fields and attribution only for callers who may read submissions (`submissions:read`). */
  submissions: Array<
    Pick<SubmissionOfLead, 'id' | 'formKey' | 'receivedAt'> & Partial<SubmissionOfLead>
  >;
  /** Email and phone values later requests brought, waiting for staff; masked like the lead's. */
  contactsToConfirm: ContactToConfirmRow[];
  contactAttempts: AttemptView[];
  /** Absent for roles that may not read notes. */
  notes?: NoteItemView[];
  history: HistoryView[];
  /** The names of the staff the history's owner changes mention, by id. */
  staffNames: Record<string, string>;
}
