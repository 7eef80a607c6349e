import { CommandContext } from '../shared/command-context';

export class AssignOwnerCommand {
  constructor(
    readonly leadId: string,
    readonly staffId: string,
    readonly expectedVersion: number | null,
    readonly context: CommandContext,
  ) {}
}
