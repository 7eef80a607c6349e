import { Query } from '@nestjs/cqrs';
import type { CrisisPageState } from '../../domain/crisis/crisis-page';

export interface ListCrisisPagesProps {
  readonly leadId: string;
}

/** A lead's pages, newest first: the console shows the open one. */
export class ListCrisisPagesQuery extends Query<CrisisPageState[]> {
  constructor(readonly props: ListCrisisPagesProps) {
    super();
  }
}
