import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';
import type { ContactDetails } from '../../domain/inquiry';

/** Why a lead is erased: a closed set, since free text could itself hold personal data. */
export const ERASURE_REASONS = ['person_request', 'legal_obligation', 'clinic_policy'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

export interface EraseLeadsProps {
  /** One lead by id, or every lead of a person by normalized email and/or phone. */
  readonly target: { leadId: string } | { contact: ContactDetails };
  readonly reason: ErasureReason;
  /** The person asked not to be contacted again: keep a keyed hash of their email and phone. */
  readonly doNotContact: boolean;
  readonly context: AuditContext;
}

/** What an erasure leaves: ids, a reason code, who and when. */
export interface ErasureView {
  id: string;
  leadIds: string[];
  reason: string;
  requestedBy: string | null;
  requestedAt: Date;
  doNotContact: boolean;
}

export class EraseLeadsCommand extends Command<ErasureView> {
  constructor(readonly props: EraseLeadsProps) {
    super();
  }
}
