/** Who is signed in, for every screen: their account and role decide what the interface offers. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Role = 'admin' | 'coordinator' | 'researcher';

/** GET /api/me */
export interface User {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  partnerId: string | null;
  hasPassword: boolean;
  mustChangePassword: boolean;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Session {
  user: User;
  /** reloads the account (after a password change, say) */
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session; screens behind the sign-in always have one. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in screen');
  return session;
}
