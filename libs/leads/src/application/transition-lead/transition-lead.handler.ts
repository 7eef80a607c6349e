import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeadWriter, WriteResult } from '../shared/lead-writer';
import { TransitionLeadCommand } from './transition-lead.command';

@CommandHandler(TransitionLeadCommand)
export class TransitionLeadHandler implements ICommandHandler<TransitionLeadCommand> {
  constructor(private readonly writer: LeadWriter) {}

  execute(c: TransitionLeadCommand): Promise<WriteResult<void>> {
    return this.writer.change(c.leadId, c.expectedVersion, c.context, (lead, by) =>
      lead.transitionTo(c.to, c.reason, by),
    );
  }
}
