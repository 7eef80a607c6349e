import { request, type APIRequestContext } from '@playwright/test';

/** Setting up data for the browser tests through the API, with an admin key. */
export const BASE_URL = process.env.CONSOLE_BASE_URL ?? 'http://localhost:3000';

export function adminKey(): string {
  const key = process.env.CONSOLE_ADMIN_KEY;
  if (!key)
    throw new Error(
      'CONSOLE_ADMIN_KEY: an admin API key (npm run cli -- keys:create --role admin …)',
    );
  return key;
}

export async function adminApi(): Promise<APIRequestContext> {
  return request.newContext({
    baseURL: BASE_URL,
    extraHTTPHeaders: { Authorization: `Bearer ${adminKey()}` },
  });
}

export interface Staff {
  id: string;
  name: string;
  email: string | null;
  role: string;
}

/** The demo staff of the contract (README lists their sign-ins). */
export const DEMO_STAFF = [
  { name: 'Ada Admin', email: 'ada@clinic.example', role: 'admin' },
  { name: 'Cora Coordinator', email: 'cora@clinic.example', role: 'coordinator' },
  { name: 'Cole Coordinator', email: 'cole@clinic.example', role: 'coordinator' },
  { name: 'Vic Viewer', email: 'vic@clinic.example', role: 'viewer' },
] as const;

export async function staffByEmail(api: APIRequestContext, email: string): Promise<Staff> {
  const res = await api.get('/v1/staff');
  const body = (await res.json()) as { items: Staff[] };
  const staff = body.items.find((s) => s.email === email);
  if (!staff) throw new Error(`no staff member ${email}`);
  return staff;
}

let seq = 0;
// Phones count up from a random start: a random number each could repeat one (it did, 1 run in
// about 150: the second person became a duplicate of the first and had no lead of their own).
const PHONE_START = Math.floor(Math.random() * 10_000);

/** A unique person (email and phone), so specs never see each other's leads. */
export function person(overrides: Record<string, unknown> = {}) {
  const k = seq++;
  const n = `${Date.now().toString(36)}${k.toString(36)}`;
  return {
    firstName: 'Test',
    lastName: `Person ${n}`,
    email: `person-${n}@example.com`,
    phone: `+1415555${String((PHONE_START + k) % 10_000).padStart(4, '0')}`,
    contactConsent: true,
    smsConsent: true,
    state: 'CA',
    interest: 'depression',
    message: 'I would like to talk about treatment options.',
    formStartedAt: Date.now() - 30_000,
    ...overrides,
  };
}

/** Posts the demo form as the website would (JSON). */
export async function submit(fields: Record<string, unknown>): Promise<void> {
  const api = await request.newContext({ baseURL: BASE_URL });
  const res = await api.post('/v1/forms/consultation/submissions', { data: fields });
  if (res.status() !== 201)
    throw new Error(`submission answered ${res.status()}: ${await res.text()}`);
  await api.dispose();
}

export interface LeadSummary {
  id: string;
  version: number;
  status: string;
  owner: { id: string; name: string | null } | null;
}

/** Waits until the lead of this email exists and, if asked, has an owner. */
export async function waitForLead(
  api: APIRequestContext,
  email: string,
  { owned = true, timeoutMs = 15_000 } = {},
): Promise<LeadSummary> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const res = await api.get('/v1/leads', { params: { q: email } });
    const lead = ((await res.json()) as { items: LeadSummary[] }).items[0];
    if (lead && (!owned || lead.owner)) return lead;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no ${owned ? 'assigned ' : ''}lead for ${email} after ${timeoutMs} ms`);
}

export async function assign(
  api: APIRequestContext,
  leadId: string,
  staffId: string,
): Promise<void> {
  const res = await api.put(`/v1/leads/${leadId}/owner`, { data: { staffId } });
  if (!res.ok()) throw new Error(`assign answered ${res.status()}`);
}
