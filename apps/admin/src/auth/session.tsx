import type { Me } from '@kaquan/contracts';
import { createContext, type ReactNode, useContext } from 'react';

const SessionContext = createContext<Me | null>(null);

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <SessionContext.Provider value={me}>{children}</SessionContext.Provider>;
}

/** The signed-in user and merchant, for anything rendered inside the console (behind the login). */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession must be used behind <RequireSession>');
  return me;
}

/** Like useSession, for code that may also run on the login page. */
export function useOptionalSession(): Me | null {
  return useContext(SessionContext);
}
