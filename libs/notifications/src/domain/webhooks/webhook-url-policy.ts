import ipaddr from 'ipaddr.js';
import type { FieldError } from '@intake/kernel';

/**
 * Where webhooks may be sent. Integrators' endpoints are on the public internet; an address in a
 * private, loopback, link-local or otherwise special range would let whoever configures a
 * subscription make Intake call inside its own network (metadata services, databases, admin
 * pages), so those are refused unless an operator names them.
 */
export interface WebhookUrlPolicy {
  /** Production: `https:` only. */
  requireHttps: boolean;
  /** Addresses or CIDR ranges allowed although special (e.g. `10.1.2.0/24`, `127.0.0.1`). */
  allowedTargets: readonly string[];
}

/** ipaddr.js's name for the public unicast range; every other range is special. */
const PUBLIC_RANGE = 'unicast';

/** True when `address` (an IP) may be called: public, or named by the allow-list. */
export function isAddressAllowed(address: string, policy: WebhookUrlPolicy): boolean {
  if (!ipaddr.isValid(address)) return false;
  // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it carries.
  const ip = ipaddr.process(address);
  if (policy.allowedTargets.some((target) => matchesTarget(ip, target))) return true;
  return ip.range() === PUBLIC_RANGE;
}

function matchesTarget(ip: ipaddr.IPv4 | ipaddr.IPv6, target: string): boolean {
  try {
    const single = target.includes('/') ? null : ipaddr.process(target);
    const [range, bits] = single
      ? [single, single.kind() === 'ipv4' ? 32 : 128]
      : ipaddr.parseCIDR(target);
    return range.kind() === ip.kind() && ip.match(range, bits);
  } catch {
    return false;
  }
}

/** True when every entry of the allow-list is an address or a CIDR range. */
export function isTargetSpec(target: string): boolean {
  return target.includes('/') ? ipaddr.isValidCIDR(target) : ipaddr.isValid(target);
}

const MAX_URL = 2048;

/**
 * What is wrong with a subscription URL, as field errors (empty when it may be used). A host
 * name cannot be judged here: its addresses are checked when it is resolved, at creation and
 * again at each send (the address is pinned for the request, so DNS cannot change it between
 * the check and the connection).
 */
export function urlProblems(value: string, policy: WebhookUrlPolicy, field = 'url'): FieldError[] {
  if (value.length > MAX_URL) return [{ field, message: `must be at most ${MAX_URL} characters` }];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [{ field, message: 'must be an absolute URL' }];
  }
  const allowed = policy.requireHttps ? ['https:'] : ['https:', 'http:'];
  if (!allowed.includes(url.protocol)) {
    return [{ field, message: policy.requireHttps ? 'must use https' : 'must use http or https' }];
  }
  if (url.username || url.password) {
    return [{ field, message: 'must not carry a user name or password' }];
  }
  const host = hostOf(url);
  if (ipaddr.isValid(host) && !isAddressAllowed(host, policy)) {
    return [{ field, message: refusedAddressMessage(host) }];
  }
  return [];
}

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

export function refusedAddressMessage(address: string): string {
  return `points to ${address}, a private, loopback, link-local or reserved address; an operator can allow it in WEBHOOKS_ALLOWED_TARGETS`;
}
