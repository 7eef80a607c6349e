import { Command } from '@nestjs/cqrs';
import type { WriteResult } from '../shared/lead-writer';
import { LeadPriority } from '../../domain/lead-status';
import { CommandContext } from '../shared/command-context';

export interface ChangePriorityProps {
  readonly leadId: string;
  readonly priority: LeadPriority;
  /** Absent: keep the flag as it is. */
  readonly crisisFlag: boolean | null;
  readonly expectedVersion: number | null;
  readonly context: CommandContext;
}

export class ChangePriorityCommand extends Command<WriteResult<void>> {
  constructor(readonly props: ChangePriorityProps) {
    super();
  }
}
