import { DisqualificationReason, LeadStatus } from '../../domain/lead-status';
import { CommandContext } from '../shared/command-context';

export class TransitionLeadCommand {
  constructor(
    readonly leadId: string,
    readonly to: LeadStatus,
    readonly reason: DisqualificationReason | null,
    readonly expectedVersion: number | null,
    readonly context: CommandContext,
  ) {}
}
