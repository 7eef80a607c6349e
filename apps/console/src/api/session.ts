import { queryOptions, useQuery } from '@tanstack/react-query';
import { goSignIn, setCsrfToken } from './client';

/** `GET /auth/session` (the sign-in's backend-for-frontend; see the issue 12 contract). */
export interface Session {
  staff: {
    id: string;
    name: string;
    email: string;
    role: 'admin' | 'coordinator' | 'viewer' | 'service';
  };
  csrfToken: string;
  expiresAt: string;
}

export class SignedOut extends Error {}

async function fetchSession(): Promise<Session> {
  const res = await fetch('/auth/session', {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  });
  if (res.status === 401) throw new SignedOut('signed out');
  if (!res.ok) throw new Error(`The sign-in service answered ${res.status}.`);
  const session = (await res.json()) as Session;
  setCsrfToken(session.csrfToken);
  return session;
}

/** Who is signed in; for the layout and for the root route's loader (which starts it early). */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: fetchSession,
  staleTime: 5 * 60_000,
  retry: (count, error) => !(error instanceof SignedOut) && count < 2,
});

export function useSession() {
  return useQuery(sessionQuery);
}

export async function signOut(csrfToken: string): Promise<void> {
  const res = await fetch('/auth/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'X-CSRF-Token': csrfToken, Accept: 'application/json' },
  });
  const body = res.ok ? ((await res.json()) as { endSessionUrl?: string | null }) : null;
  setCsrfToken(null);
  window.location.assign(body?.endSessionUrl ?? '/console/signed-out');
}

export { goSignIn };

export type Role = Session['staff']['role'];

/** Who may write a lead, as the API decides it (admins all; coordinators their own or unowned). */
export function canWriteLead(
  staff: Session['staff'],
  lead: { owner: { id: string } | null; erasedAt?: string | null },
): boolean {
  // An erased lead is kept for its figures only: the api refuses every change (409).
  if (lead.erasedAt) return false;
  if (staff.role === 'admin') return true;
  if (staff.role !== 'coordinator') return false;
  return lead.owner === null || lead.owner.id === staff.id;
}
