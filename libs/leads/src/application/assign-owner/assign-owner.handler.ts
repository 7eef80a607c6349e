import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StaffDirectory } from '@intake/access';
import { LeadInvalidError } from '../../domain/lead-errors';
import { LeadWriter, WriteResult } from '../shared/lead-writer';
import { AssignOwnerCommand } from './assign-owner.command';

@CommandHandler(AssignOwnerCommand)
export class AssignOwnerHandler implements ICommandHandler<AssignOwnerCommand> {
  constructor(
    private readonly writer: LeadWriter,
    private readonly staff: StaffDirectory,
  ) {}

  execute({ props: c }: AssignOwnerCommand): Promise<WriteResult<void>> {
    return this.writer.change(c.leadId, c.expectedVersion, c.context, async (lead, by) => {
      if (!(await this.staff.findAssignable(c.staffId))) {
        throw new LeadInvalidError([
          { field: 'staffId', message: 'must be an active coordinator or admin' },
        ]);
      }
      lead.assignTo(c.staffId, by);
    });
  }
}
