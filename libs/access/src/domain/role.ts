export const ROLES = ['admin', 'coordinator', 'viewer', 'service'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const PERMISSIONS = [
  /** See leads, their history and submissions. */
  'leads:read',
  /** See email and phone in full; viewers get them masked. */
  'leads:read_contact',
  /** Change leads: pipeline, attempts, owner, priority, notes. Coordinators: own or unassigned. */
  'leads:write',
  /** Change any lead, whoever owns it. */
  'leads:write_any',
  /** Erase leads (de-identify them for good) and set the clinic's retention periods: admins. */
  'leads:erase',
  /** Read coordinators' notes, which are personal data. */
  'notes:read',
  /**
   * Read submissions as they came in: the message and every raw field, free text a person typed
   * about their health. Integrations (`service`) do without it.
   */
  'submissions:read',
  /** Staff, API keys and the access log. */
  'staff:manage',
  /** The website forms: origins, thank-you page, aliases, spam settings. */
  'forms:manage',
  /** Clinic hours, SLAs and cadence; routing pools and rules; everyone's calendar. */
  'scheduling:manage',
  'access_log:read',
  /** The admin audit: who changed staff, keys, forms, scheduling, routing and parked records. */
  'audit:read',
  /** Funnel, speed to lead and consumer stats: aggregates that name coordinators by id. */
  'analytics:read',
  /** Webhook subscriptions, their signing secrets and deliveries (issue 13). */
  'webhooks:manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** Who may do what: the one table every endpoint is checked against. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: [...PERMISSIONS],
  coordinator: [
    'leads:read',
    'leads:read_contact',
    'leads:write',
    'notes:read',
    'submissions:read',
  ],
  viewer: ['leads:read', 'analytics:read'],
  service: ['leads:read', 'leads:read_contact', 'analytics:read'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Roles that can own leads and be assigned follow-ups. */
export const ASSIGNABLE_ROLES: readonly Role[] = ['admin', 'coordinator'];
