import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeadWriter, WriteResult } from '../shared/lead-writer';
import { ChangePriorityCommand } from './change-priority.command';

@CommandHandler(ChangePriorityCommand)
export class ChangePriorityHandler implements ICommandHandler<ChangePriorityCommand> {
  constructor(private readonly writer: LeadWriter) {}

  execute({ props: c }: ChangePriorityCommand): Promise<WriteResult<void>> {
    return this.writer.change(c.leadId, c.expectedVersion, c.context, (lead, by) =>
      lead.setPriority(c.priority, c.crisisFlag ?? lead.snapshot().crisisFlag, by),
    );
  }
}
