// Demo mode: the seeded accounts (one per role) and their shared password. Outside production the
// password is the published constant, shown on the start page; in production the demo is seeded
// only when asked (MERA_SEED_DEMO=true) and its accounts get a password generated at each start,
// written to the log, and a store where an account still signs in with the published password
// does not start (docs/privacy-and-security.md, "Demo accounts").
import { randomBytes } from 'node:crypto';
import type { Store } from '../store';
import { usersCollection } from './data';
import { hashPassword, verifyPassword } from './passwords';

/** The demo accounts' password outside production: public by design, and only ever set on accounts the demo seed made. */
export const DEMO_PASSWORD = 'mera-demo-2026';

/** The e-mail domain of the accounts the demo seed makes. */
const demoDomain = '@demo.mera.local';

export async function listDemoAccounts(store: Store) {
  const users = await store.collection(usersCollection).find({ demo: true, active: true }, { sort: { createdAt: 1 } });
  return users.map((u) => ({ email: u.email, name: u.name, role: u.role, ...(u.schoolId ? { schoolId: u.schoolId } : {}) }));
}

/** A password for the demo accounts of one production start: 16 random characters. */
export function generatedDemoPassword(): string {
  return randomBytes(12).toString('base64url');
}

/** Gives every demo account this password (the rules for people's passwords do not apply: it is the operator's). Returns how many. */
export async function setDemoPassword(store: Store, password: string): Promise<number> {
  const users = store.collection(usersCollection);
  const demo = await users.find({ demo: true });
  if (demo.length === 0) return 0;
  const passwordHash = await hashPassword(password);
  for (const user of demo) await users.updateOne({ _id: user._id }, { $set: { passwordHash } });
  return demo.length;
}

/**
 * The e-mails of the accounts that still sign in with the published demo password: the demo
 * seed's and every administrator and cluster coordinator (the accounts that could hold it and
 * whose loss would hurt most; each costs one argon2 check).
 */
export async function accountsWithPublishedDemoPassword(store: Store): Promise<string[]> {
  const candidates = (await store.collection(usersCollection).find({})).filter(
    (u) => u.passwordHash && (u.demo || u.email.endsWith(demoDomain) || u.role === 'administrator' || u.role === 'cluster-coordinator'),
  );
  const exposed: string[] = [];
  for (const user of candidates) if (await verifyPassword(user.passwordHash, DEMO_PASSWORD)) exposed.push(user.email);
  return exposed;
}

/** Removes the demo seed's accounts (and so their sessions' sign-in). Returns how many. */
export async function removeDemoAccounts(store: Store): Promise<number> {
  return store.collection(usersCollection).deleteMany({ demo: true });
}
