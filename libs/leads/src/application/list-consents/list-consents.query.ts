import { Query } from '@nestjs/cqrs';
import type { Actor } from '@intake/access';
import type { ConsentRecord, CurrentConsent } from '../../domain/consent';
import type { StaffRef } from '../present-lead/lead-views';

export type ConsentRecordView = ConsentRecord & { recorder: StaffRef | null };

export interface LeadConsents {
  /** The latest record of each kind; null for a kind never recorded. */
  current: Record<keyof CurrentConsent, ConsentRecordView | null>;
  /** The whole ledger, newest first. */
  records: ConsentRecordView[];
}

export interface ListConsentsProps {
  readonly leadId: string;
  readonly actor: Actor;
  readonly requestId: string | null;
}

export class ListConsentsQuery extends Query<LeadConsents> {
  constructor(readonly props: ListConsentsProps) {
    super();
  }
}
