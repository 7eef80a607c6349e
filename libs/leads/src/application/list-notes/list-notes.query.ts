import type { Actor } from '@intake/access';

export class ListNotesQuery {
  constructor(
    readonly leadId: string,
    readonly actor: Actor,
    readonly requestId: string | null,
  ) {}
}
