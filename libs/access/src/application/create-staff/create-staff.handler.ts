import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, IdGenerator, TransactionRunner } from '@intake/platform';
import { StaffMember } from '../../domain/staff';
import { StaffRepository } from '../../infrastructure/staff.repository';
import { AdminAuditRecorder } from '../admin-audit/admin-audit-recorder';
import { CreateStaffCommand } from './create-staff.command';

@CommandHandler(CreateStaffCommand)
export class CreateStaffHandler implements ICommandHandler<CreateStaffCommand> {
  constructor(
    private readonly staff: StaffRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute({ props: c }: CreateStaffCommand): Promise<StaffMember> {
    const now = this.clock.now();
    const member: StaffMember = {
      id: this.ids.next(),
      name: c.name,
      email: c.email,
      role: c.role,
      active: true,
      createdAt: now,
      updatedAt: now,
    };
    await this.tx.run(async () => {
      await this.staff.insert(member);
      await this.audit.record(c.context, {
        action: 'staff.created',
        targetId: member.id,
        before: null,
        after: member,
      });
    });
    return member;
  }
}
