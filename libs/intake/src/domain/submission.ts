import { AggregateRoot } from '@intake/kernel';
import { ConsultationRequest } from './consultation-request';
import { CanonicalFields } from './form';
import { SpamReason } from './spam';

export interface SubmissionState {
  id: string;
  formKey: string;
  leadId: string | null;
  status: 'accepted' | 'rejected';
  rejectionReason: SpamReason | null;
  /** The fields Intake understands, exactly as received (before normalization). */
  fields: CanonicalFields['known'];
  unknownFields: CanonicalFields['unknown'];
  attribution: ConsultationRequest['attribution'];
  ipHash: string | null;
  userAgent: string | null;
  /** How long the visitor took to fill the form, when the page said when it started. */
  fillMs: number | null;
  receivedAt: Date;
}

export type SubmissionEvent = { kind: 'rejected'; submission: Readonly<SubmissionState> };

export interface Receipt {
  id: string;
  formKey: string;
  fields: CanonicalFields;
  request: ConsultationRequest;
  ipHash: string | null;
  userAgent: string | null;
  receivedAt: Date;
  /** When the visitor opened the form, as far as Intake can tell (see startedAtOf). */
  startedAt: Date | null;
}

const MAX_USER_AGENT = 512;

/** A request as received: immutable once stored, accepted into a lead or rejected as spam. */
export class Submission extends AggregateRoot<SubmissionEvent> {
  private constructor(private readonly state: Readonly<SubmissionState>) {
    super();
  }

  static accepted(receipt: Receipt, leadId: string): Submission {
    return new Submission(Submission.stateOf(receipt, leadId, null));
  }

  /** Spam is kept, for the record and for tuning the rules, and reported without a lead. */
  static rejected(receipt: Receipt, reason: SpamReason): Submission {
    const submission = new Submission(Submission.stateOf(receipt, null, reason));
    submission.raise({ kind: 'rejected', submission: submission.state });
    return submission;
  }

  snapshot(): Readonly<SubmissionState> {
    return this.state;
  }

  private static stateOf(
    receipt: Receipt,
    leadId: string | null,
    reason: SpamReason | null,
  ): SubmissionState {
    const { startedAt } = receipt;
    return {
      id: receipt.id,
      formKey: receipt.formKey,
      leadId,
      status: reason ? 'rejected' : 'accepted',
      rejectionReason: reason,
      fields: receipt.fields.known,
      unknownFields: receipt.fields.unknown,
      attribution: receipt.request.attribution,
      ipHash: receipt.ipHash,
      userAgent: receipt.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
      fillMs: startedAt ? clampToInt32(receipt.receivedAt.getTime() - startedAt.getTime()) : null,
      receivedAt: receipt.receivedAt,
    };
  }
}

function clampToInt32(ms: number): number {
  return Math.max(-2_147_483_648, Math.min(2_147_483_647, Math.round(ms)));
}
