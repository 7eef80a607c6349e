import { Permission, Role, roleAllows } from './role';

/** The authenticated staff member (or named integration) behind a request. */
export class Actor {
  constructor(
    readonly staffId: string,
    readonly role: Role,
    readonly credential: 'api_key' | 'oidc' | 'session',
  ) {}

  can(permission: Permission): boolean {
    return roleAllows(this.role, permission);
  }

  /** Coordinators change leads they own or nobody owns; admins change any. */
  canWriteLeadOwnedBy(ownerId: string | null): boolean {
    if (this.can('leads:write_any')) return true;
    return this.can('leads:write') && (ownerId === null || ownerId === this.staffId);
  }
}
