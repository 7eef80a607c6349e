import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { StaffMember } from '../../domain/staff';
import { StaffRepository } from '../../infrastructure/staff.repository';
import { ListStaffQuery } from './list-staff.query';

@QueryHandler(ListStaffQuery)
export class ListStaffHandler implements IQueryHandler<ListStaffQuery, StaffMember[]> {
  constructor(private readonly staff: StaffRepository) {}

  execute(): Promise<StaffMember[]> {
    return this.staff.list();
  }
}
