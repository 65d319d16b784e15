// Who is signed in, for every page: one read of /api/session, started by the first component that
// asks and shared by all of them, and kept up to date by signing in and out (and by any later read
// of the session, such as the one `send` makes for a fresh CSRF token).
import { useSyncExternalStore } from 'react';
import { onSessionChanged, readSession, type KnownSession } from './api/http';
import type { SessionUser } from './api/accounts';

export interface Session {
  /** The signed-in person; null when nobody is (or the session could not be read); undefined while it is read. */
  user: SessionUser | null | undefined;
  /** Why the session could not be read (an ApiError: "network", 5xx…), for the pages that say so. */
  error?: unknown;
}

let current: Session = { user: undefined };
let started = false;
const listeners = new Set<() => void>();

function set(next: Session) {
  current = next;
  listeners.forEach((listener) => listener());
}

onSessionChanged((session: KnownSession) => {
  // The same person read again keeps the same object, so pages' effects that depend on it do not run again.
  if (current.user !== undefined && !current.error && JSON.stringify(current.user) === JSON.stringify(session.user)) return;
  set({ user: session.user });
});

function subscribe(listener: () => void) {
  listeners.add(listener);
  // The first reader starts the one read, unless a sign-in or a fresh token already said who is here.
  if (!started && current.user === undefined) {
    started = true;
    readSession().catch((error: unknown) => set({ user: null, error }));
  }
  return () => {
    listeners.delete(listener);
  };
}

/** The session, read once for the whole page; the component renders again when it changes. */
export function useSession(): Session {
  return useSyncExternalStore(subscribe, () => current);
}
