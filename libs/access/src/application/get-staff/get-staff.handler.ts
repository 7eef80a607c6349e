import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { StaffNotFoundError } from '../../domain/access-errors';
import { StaffMember } from '../../domain/staff';
import { StaffRepository } from '../../infrastructure/staff.repository';
import { GetStaffQuery } from './get-staff.query';

@QueryHandler(GetStaffQuery)
export class GetStaffHandler implements IQueryHandler<GetStaffQuery, StaffMember> {
  constructor(private readonly staff: StaffRepository) {}

  async execute({ props: q }: GetStaffQuery): Promise<StaffMember> {
    const member = await this.staff.findById(q.staffId);
    if (!member) throw new StaffNotFoundError(q.staffId);
    return member;
  }
}
