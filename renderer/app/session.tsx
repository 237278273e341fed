/**
 * What the screens share: the live setup projection and who is operating this laptop.
 * The operator is a commission member chosen at the laptop; every event records them as actor.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ElectionSetup, Member } from '../../shared/election/model';
import { EMPTY_SETUP_STATE, type SetupState } from '../../shared/setup/projection';

const OPERATOR_KEY = 'precinct-desk.operator';

export interface Session {
  state: SetupState;
  /**
   * Null before an election is set up, and while the setup is still being read (a reload of the
   * desk: its search shows from the list first, issue 19; nothing is issued before it is known).
   */
  setup: ElectionSetup | null;
  operator: Member | null;
  setOperator(memberId: string): void;
}

const SessionContext = createContext<Session | null>(null);

function defaultOperator(members: readonly Member[]): Member | null {
  return members.find((m) => m.role === 'secretary') ?? members[0] ?? null;
}

/** `state` undefined: the setup is still being read (only the desk is shown meanwhile: App.tsx). */
export function SessionProvider({ state, children }: { state: SetupState | undefined; children: ReactNode }) {
  const [operatorId, setOperatorId] = useState<string | null>(() => localStorage.getItem(OPERATOR_KEY));
  const setOperator = useCallback((memberId: string) => {
    localStorage.setItem(OPERATOR_KEY, memberId);
    setOperatorId(memberId);
  }, []);
  const value = useMemo<Session>(() => {
    const known = state ?? EMPTY_SETUP_STATE;
    const members = known.setup?.members ?? [];
    const operator = members.find((m) => m.id === operatorId) ?? defaultOperator(members);
    return { state: known, setup: known.setup, operator, setOperator };
  }, [state, operatorId, setOperator]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The setup, for screens that exist only once an election is set up. */
export function useSetup(): ElectionSetup {
  const { setup } = useSession();
  if (!setup) throw new Error('no election set up');
  return setup;
}
