// Demo mode: the seeded accounts (one per role) and their shared password, shown on the start page.
import type { Store } from '../store';
import { usersCollection } from './data';

/** The demo accounts' password: public by design, and only ever set on accounts the demo seed made. */
export const DEMO_PASSWORD = 'mera-demo-2026';

export async function listDemoAccounts(store: Store) {
  const users = await store.collection(usersCollection).find({ demo: true, active: true }, { sort: { createdAt: 1 } });
  return users.map((u) => ({ email: u.email, name: u.name, role: u.role, ...(u.schoolId ? { schoolId: u.schoolId } : {}) }));
}
