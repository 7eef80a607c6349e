import { CommandContext } from '../shared/command-context';

export const CONTACT_DECISIONS = ['confirm', 'dismiss'] as const;
export type ContactDecision = (typeof CONTACT_DECISIONS)[number];

/** Staff decide on a contact detail a later request brought: the person's, or not. */
export class DecideContactCommand {
  constructor(
    readonly leadId: string,
    readonly contactId: string,
    readonly decision: ContactDecision,
    readonly expectedVersion: number | null,
    readonly context: CommandContext,
  ) {}
}
