import type { Actor } from '@intake/access';
import type { LeadListFilter } from './lead-list-filter';
import type { LeadView } from '../shared/lead-views';

export class ListLeadsQuery {
  constructor(
    readonly filter: LeadListFilter,
    readonly actor: Actor,
    readonly requestId: string | null,
  ) {}
}

export interface LeadPage {
  items: LeadView[];
  /** The sort key after the last item, or null on the last page. */
  lastKey: unknown[] | null;
}
