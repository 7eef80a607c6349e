import { Query } from '@nestjs/cqrs';
import type { NoteItemView } from '../get-lead/get-lead.query';
import type { Actor } from '@intake/access';

export interface ListNotesProps {
  readonly leadId: string;
  readonly actor: Actor;
  readonly requestId: string | null;
}

export class ListNotesQuery extends Query<NoteItemView[]> {
  constructor(readonly props: ListNotesProps) {
    super();
  }
}
