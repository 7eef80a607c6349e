import { createContext, useContext } from 'react';
import type { Session } from '../api/session';

export const SessionContext = createContext<Session | null>(null);

/** The signed-in staff member; only inside the layout, which waits for the session. */
export function useStaff(): Session['staff'] {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useStaff outside the signed-in layout');
  return session.staff;
}
