import { Command } from '@nestjs/cqrs';
import type { WriteResult } from '../shared/lead-writer';
import { CommandContext } from '../shared/command-context';

export const CONTACT_DECISIONS = ['confirm', 'dismiss'] as const;
export type ContactDecision = (typeof CONTACT_DECISIONS)[number];

/** Staff decide on a contact detail a later request brought: the person's, or not. */
export interface DecideContactProps {
  readonly leadId: string;
  readonly contactId: string;
  readonly decision: ContactDecision;
  readonly expectedVersion: number | null;
  readonly context: CommandContext;
}

export class DecideContactCommand extends Command<WriteResult<void>> {
  constructor(readonly props: DecideContactProps) {
    super();
  }
}
