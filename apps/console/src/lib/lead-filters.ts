/**
 * The Leads screen's filters, kept in the URL so a link can be shared and Back works. Every
 * filter of `GET /v1/leads`; unknown or malformed values are dropped rather than sent (the API
 * refuses unknown parameters with a 400).
 */
export const STATUSES = [
  'new',
  'attempting_contact',
  'contacted',
  'consult_scheduled',
  'consult_completed',
  'converted',
  'disqualified',
  'unresponsive',
  'lost',
] as const;
export const OPEN_STATUSES = STATUSES.slice(0, 5);
export const PRIORITIES = ['urgent', 'high', 'normal'] as const;
export const SORTS = ['-created', 'created', 'priority'] as const;

export type Status = (typeof STATUSES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type Sort = (typeof SORTS)[number];

export interface LeadFilters {
  status: Status[];
  priority: Priority[];
  ownerId: string | null;
  unassigned: boolean | null;
  crisisFlag: boolean | null;
  formKey: string | null;
  source: string | null;
  state: string | null;
  interest: string | null;
  createdFrom: string | null;
  createdTo: string | null;
  q: string | null;
  sort: Sort;
}

export const EMPTY_FILTERS: LeadFilters = {
  status: [],
  priority: [],
  ownerId: null,
  unassigned: null,
  crisisFlag: null,
  formKey: null,
  source: null,
  state: null,
  interest: null,
  createdFrom: null,
  createdTo: null,
  q: null,
  sort: '-created',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const list = <T extends string>(value: string | null, allowed: readonly T[]): T[] =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v): v is T => (allowed as readonly string[]).includes(v))
    .filter((v, i, all) => all.indexOf(v) === i);

const bool = (value: string | null): boolean | null =>
  value === 'true' ? true : value === 'false' ? false : null;

const text = (value: string | null, max: number): string | null => {
  const v = value?.trim() ?? '';
  return v === '' || v.length > max ? null : v;
};

export function parseFilters(params: URLSearchParams): LeadFilters {
  const owner = params.get('owner');
  const state = text(params.get('state'), 2)?.toUpperCase() ?? null;
  const q = text(params.get('q'), 200);
  const sort = params.get('sort');
  const date = (key: string) => {
    const v = params.get(key);
    return v && DATE.test(v) && !Number.isNaN(Date.parse(v)) ? v : null;
  };
  return {
    status: list(params.get('status'), STATUSES),
    priority: list(params.get('priority'), PRIORITIES),
    ownerId: owner === 'me' || (owner && UUID.test(owner)) ? owner : null,
    unassigned: bool(params.get('unassigned')),
    crisisFlag: bool(params.get('crisis')),
    formKey: text(params.get('form'), 100),
    source: text(params.get('source'), 100)?.toLowerCase() ?? null,
    state: state && /^[A-Z]{2}$/.test(state) ? state : null,
    interest: text(params.get('interest'), 50),
    createdFrom: date('from'),
    createdTo: date('to'),
    q: q && q.length >= 2 ? q : null,
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as Sort) : '-created',
  };
}

/** The URL's search part for these filters: defaults left out, a stable order. */
export function filtersToSearch(f: LeadFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.status.length) p.set('status', f.status.join(','));
  if (f.priority.length) p.set('priority', f.priority.join(','));
  if (f.ownerId) p.set('owner', f.ownerId);
  if (f.unassigned !== null) p.set('unassigned', String(f.unassigned));
  if (f.crisisFlag !== null) p.set('crisis', String(f.crisisFlag));
  if (f.formKey) p.set('form', f.formKey);
  if (f.source) p.set('source', f.source);
  if (f.state) p.set('state', f.state);
  if (f.interest) p.set('interest', f.interest);
  if (f.createdFrom) p.set('from', f.createdFrom);
  if (f.createdTo) p.set('to', f.createdTo);
  if (f.sort !== '-created') p.set('sort', f.sort);
  return p;
}

/**
 * The query of `GET /v1/leads`. Dates are whole days in the coordinator's zone: `to` is
 * inclusive on screen, so the API gets the start of the next day (its `createdTo` is exclusive).
 */
export function filtersToQuery(f: LeadFilters, cursor?: string | null) {
  const startOfDay = (d: string, plusDays = 0) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    return new Date(y, m - 1, day + plusDays).toISOString();
  };
  return {
    ...(f.status.length ? { status: [...f.status] } : {}),
    ...(f.priority.length ? { priority: [...f.priority] } : {}),
    ...(f.ownerId ? { ownerId: f.ownerId } : {}),
    ...(f.unassigned !== null ? { unassigned: f.unassigned } : {}),
    ...(f.crisisFlag !== null ? { crisisFlag: f.crisisFlag } : {}),
    ...(f.formKey ? { formKey: f.formKey } : {}),
    ...(f.source ? { source: f.source } : {}),
    ...(f.state ? { state: f.state } : {}),
    ...(f.interest ? { interest: f.interest } : {}),
    ...(f.createdFrom ? { createdFrom: startOfDay(f.createdFrom) } : {}),
    ...(f.createdTo ? { createdTo: startOfDay(f.createdTo, 1) } : {}),
    ...(f.q ? { q: f.q } : {}),
    sort: f.sort,
    limit: 50,
    ...(cursor ? { cursor } : {}),
  };
}

export function activeFilterCount(f: LeadFilters): number {
  return [...filtersToSearch({ ...f, sort: '-created', q: null }).keys()].length;
}
