import { Actor } from './actor';

/**
 * The admin audit: every change to staff, keys, forms and their consent wording, scheduling
 * settings, contact rules, calendars, absences, pools, rules, parked records and webhooks, with
 * who made it and in which request.
 */

export const AUDIT_ACTOR_TYPES = ['staff', 'api_key', 'cli'] as const;

/**
 * `staff`: a person signed in (the console's session cookie, or an OIDC token); `api_key`: a staff
 * member's key; `cli`: an operator at a shell.
 */
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

export interface AuditActor {
  type: AuditActorType;
  /** The staff member behind the token or key; null for the CLI. */
  staffId: string | null;
  /** The CLI's operator (`--actor`, else the OS user name); null for staff. */
  label: string | null;
}

/** Who changes, and in which request: what every admin write is given, over HTTP or the CLI. */
export interface AuditContext {
  actor: AuditActor;
  /** The server's request id (`X-Request-Id`), or the CLI run's id. */
  requestId: string | null;
  /** A client's own well-formed `X-Request-Id`, kept beside the server's. */
  clientRequestId: string | null;
}

export function auditActorOf(actor: Actor): AuditActor {
  return {
    type: actor.credential === 'api_key' ? 'api_key' : 'staff',
    staffId: actor.staffId,
    label: null,
  };
}

export function cliAuditContext(operator: string, runId: string): AuditContext {
  return {
    actor: { type: 'cli', staffId: null, label: operator },
    requestId: runId,
    clientRequestId: null,
  };
}

/** What can change, and how: an action is `<target type>.<verb>`. */
export const AUDIT_TARGETS = {
  staff: ['created', 'updated', 'role_changed'],
  api_key: ['created', 'revoked'],
  form: ['created', 'updated'],
  scheduling_settings: ['updated'],
  staff_schedule: ['updated'],
  away_period: ['created', 'deleted'],
  routing_pool: ['created', 'updated', 'deleted'],
  routing_rules: ['replaced'],
  parked_event: ['redriven', 'discarded'],
  webhook: ['created', 'updated', 'deleted', 'secret_rotated'],
  webhook_delivery: ['redelivered'],
  crisis_on_call: ['updated'],
  alert_delivery: ['redriven'],
  notification_event: ['redriven'],
  contact_rules: ['updated'],
  consent_wording: ['published'],
  lead: ['erased'],
  retention_settings: ['updated'],
} as const;

export type AuditTargetType = keyof typeof AUDIT_TARGETS;

export type AuditAction = {
  [T in AuditTargetType]: `${T}.${(typeof AUDIT_TARGETS)[T][number]}`;
}[AuditTargetType];

export const AUDIT_TARGET_TYPES = Object.keys(AUDIT_TARGETS) as AuditTargetType[];

export const AUDIT_ACTIONS = AUDIT_TARGET_TYPES.flatMap((target) =>
  AUDIT_TARGETS[target].map((verb) => `${target}.${verb}` as AuditAction),
);

export function auditTargetTypeOf(action: AuditAction): AuditTargetType {
  return action.slice(0, action.indexOf('.')) as AuditTargetType;
}

/** One change: the target's state before and after (null when it did not exist). */
export interface AuditChange {
  action: AuditAction;
  /** The staff member, key, form key, pool…; null for the clinic's one settings and rule list. */
  targetId: string | null;
  before: object | null;
  after: object | null;
}

export const REDACTED = '[redacted]';

/**
 * Never a secret in the audit. Two fences, both applied to before and after:
 * - any field, at any depth, named like a credential (`secret`, `clientSecret`, `secretHash`,
 *   `token`, `password`, …) has its value replaced, whatever the target;
 * - each target's own list of dot paths (array indices left out), for a secret whose name does
 *   not say so. Add a target's secret here when it gains one.
 * By name, only text is replaced: a field named so whose value is an object is walked instead,
 * and a flag or a number is no credential, so `requireStartToken: true` stays readable while
 * `startToken: 'abc'` is replaced.
 */
const SECRET_NAME = /secret|token|hash|password|passphrase|plaintext|private.?key|credential/i;

export const AUDIT_REDACTED_PATHS: Readonly<Record<AuditTargetType, readonly string[]>> = {
  staff: [],
  api_key: [],
  form: ['captcha.secret'],
  scheduling_settings: [],
  staff_schedule: [],
  away_period: [],
  routing_pool: [],
  routing_rules: [],
  parked_event: [],
  webhook: ['secret'],
  webhook_delivery: [],
  crisis_on_call: [],
  alert_delivery: [],
  notification_event: [],
  contact_rules: [],
  consent_wording: [],
  lead: [],
  retention_settings: [],
};

/** A JSON copy of `value` with every secret replaced by `[redacted]`. */
export function redactForAudit(target: AuditTargetType, value: object | null): object | null {
  if (value === null) return null;
  const paths = new Set(AUDIT_REDACTED_PATHS[target]);
  const walk = (node: unknown, path: string, name: string): unknown => {
    if (Array.isArray(node)) return node.map((item) => walk(item, path, name));
    const secret = paths.has(path) || (typeof node === 'string' && SECRET_NAME.test(name));
    if (node !== null && typeof node === 'object') {
      if (paths.has(path)) return REDACTED;
      return Object.fromEntries(
        Object.entries(node).map(([key, child]) => [
          key,
          walk(child, path ? `${path}.${key}` : key, key),
        ]),
      );
    }
    return secret && node !== null ? REDACTED : node;
  };
  return walk(JSON.parse(JSON.stringify(value)), '', '') as object;
}
