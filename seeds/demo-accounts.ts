// Demo accounts: one per role, all with the same demo password, shown on the start page in demo
// mode so a newcomer can sign in as each. The school roles belong to the first school.
import { now as clockNow } from '../server/clock';
import { User, usersCollection } from '../server/accounts/data';
import { createUser } from '../server/accounts/service';
import { DEMO_PASSWORD, setDemoPassword } from '../server/accounts/demo';
import type { Store } from '../server/store';

const demoAccounts = [
  { email: 'admin@demo.mera.local', name: 'Администратор Демо', role: 'administrator' },
  { email: 'cluster@demo.mera.local', name: 'Ирина Кластерова', role: 'cluster-coordinator' },
  { email: 'coordinator@demo.mera.local', name: 'Ольга Школьная', role: 'school-coordinator' },
  { email: 'teacher@demo.mera.local', name: 'Анна Учителева', role: 'teacher', subject: 'Математика', formTutor: true },
] as const;

export async function seedDemoAccounts(store: Store, firstSchoolId: string, now = clockNow()): Promise<User[]> {
  const users: User[] = [];
  for (const [i, account] of demoAccounts.entries()) {
    const school = account.role === 'school-coordinator' || account.role === 'teacher' ? { schoolId: firstSchoolId } : {};
    // A millisecond apart: the start page lists them in this order (by creation).
    users.push(await createUser(store, { ...account, ...school, demo: true }, new Date(now.getTime() + i)));
  }
  // The published demo password is refused as a person's own (it is common): the seed sets it as the operator's.
  await setDemoPassword(store, DEMO_PASSWORD);
  return users;
}

export async function clearDemoAccounts(store: Store): Promise<void> {
  await store.collection(usersCollection).deleteMany({ demo: true });
}
