import { Command } from '@nestjs/cqrs';
import type { WriteResult } from '../shared/lead-writer';
import { CommandContext } from '../shared/command-context';

export interface AssignOwnerProps {
  readonly leadId: string;
  readonly staffId: string;
  readonly expectedVersion: number | null;
  readonly context: CommandContext;
}

export class AssignOwnerCommand extends Command<WriteResult<void>> {
  constructor(readonly props: AssignOwnerProps) {
    super();
  }
}
