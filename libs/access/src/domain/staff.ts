import { Role } from './role';

/** A person on the clinic's team, or a named integration (role `service`). */
export interface StaffMember {
  id: string;
  name: string;
  email: string | null;
  role: Role;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}
