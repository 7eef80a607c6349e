import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, TransactionRunner } from '@intake/platform';
import { StaffNotFoundError } from '../../domain/access-errors';
import { StaffMember } from '../../domain/staff';
import { StaffRepository } from '../../infrastructure/staff.repository';
import { AdminAuditRecorder } from '../admin-audit/admin-audit-recorder';
import { UpdateStaffCommand } from './update-staff.command';

@CommandHandler(UpdateStaffCommand)
export class UpdateStaffHandler implements ICommandHandler<UpdateStaffCommand> {
  constructor(
    private readonly staff: StaffRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** A change of role is audited as `staff.role_changed`, whatever else changed with it. */
  execute({ props: c }: UpdateStaffCommand): Promise<StaffMember> {
    return this.tx.run(async () => {
      const before = await this.staff.findById(c.staffId, { lock: true });
      if (!before) throw new StaffNotFoundError(c.staffId);
      const after = (await this.staff.update(c.staffId, {
        ...c.changes,
        updatedAt: this.clock.now(),
      }))!;
      await this.audit.record(c.context, {
        action: after.role !== before.role ? 'staff.role_changed' : 'staff.updated',
        targetId: c.staffId,
        before,
        after,
      });
      return after;
    });
  }
}
