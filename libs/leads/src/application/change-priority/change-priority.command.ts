import { LeadPriority } from '../../domain/lead-status';
import { CommandContext } from '../shared/command-context';

export class ChangePriorityCommand {
  constructor(
    readonly leadId: string,
    readonly priority: LeadPriority,
    /** Absent: keep the flag as it is. */
    readonly crisisFlag: boolean | null,
    readonly expectedVersion: number | null,
    readonly context: CommandContext,
  ) {}
}
