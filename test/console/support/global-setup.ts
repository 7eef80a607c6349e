import { adminApi, BASE_URL, DEMO_STAFF, type Staff } from './api';

const ALWAYS = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
    d,
    [{ start: '00:00', end: '24:00' }],
  ]),
);

/**
 * The contract's demo staff exist (`npm run seed:demo` makes them; this only fills gaps) and
 * the coordinators work round the clock, so routing gives them leads whenever the suite runs.
 */
export default async function globalSetup(): Promise<void> {
  const api = await adminApi();
  const existing = ((await (await api.get('/v1/staff')).json()) as { items: Staff[] }).items;
  for (const person of DEMO_STAFF) {
    let staff = existing.find((s) => s.email === person.email);
    if (!staff) {
      const res = await api.post('/v1/staff', { data: person });
      if (!res.ok())
        throw new Error(`creating ${person.email}: ${res.status()} ${await res.text()}`);
      staff = (await res.json()) as Staff;
    }
    if (person.role === 'coordinator') {
      const res = await api.patch(`/v1/staff/${staff.id}/schedule`, {
        data: { workingHours: ALWAYS },
      });
      if (!res.ok())
        throw new Error(`schedule of ${person.email}: ${res.status()} ${await res.text()}`);
    }
  }
  // The specs post many forms from one address: lift the demo form's per-address limit; and the
  // demo page is served from this api's origin, which the form must allow.
  const form = (await (await api.get('/v1/forms/consultation')).json()) as Record<
    string,
    unknown
  > & {
    limits: { perSource: { limit: number; windowSeconds: number } };
  };
  const { key: _key, updatedAt: _updatedAt, ...settings } = form;
  const res = await api.put('/v1/forms/consultation', {
    data: {
      ...settings,
      allowedOrigins: [
        ...new Set([...(settings.allowedOrigins as string[]), new URL(BASE_URL).origin]),
      ],
      limits: { ...form.limits, perSource: { limit: 10_000, windowSeconds: 600 } },
    },
  });
  if (!res.ok()) throw new Error(`demo form limits: ${res.status()} ${await res.text()}`);
  await api.dispose();
}
