import { Query } from '@nestjs/cqrs';
import type { StaffMember } from '../../domain/staff';

/** Every staff member, active or not. */
export class ListStaffQuery extends Query<StaffMember[]> {}
