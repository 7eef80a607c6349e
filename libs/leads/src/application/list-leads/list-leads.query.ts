import { Query } from '@nestjs/cqrs';
import type { Actor } from '@intake/access';
import type { LeadListFilter } from './lead-list-filter';
import type { LeadView } from '../shared/lead-views';

export interface ListLeadsProps {
  readonly filter: LeadListFilter;
  readonly actor: Actor;
  readonly requestId: string | null;
}

export class ListLeadsQuery extends Query<LeadPage> {
  constructor(readonly props: ListLeadsProps) {
    super();
  }
}

export interface LeadPage {
  items: LeadView[];
  /** The sort key after the last item, or null on the last page. */
  lastKey: unknown[] | null;
}
