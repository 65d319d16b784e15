// Users: creating them (by an administrator, a coordinator, the admin CLI or the first-run page),
// signing in, setting passwords from one-time links, and listing them within a scope.
import { now as clockNow } from '../clock';
import { problem } from '../errors';
import { DuplicateKeyError, Store } from '../store';
import { Locale, Role, schoolRoles, User, usersCollection } from './data';
import { checkPasswordRules, hashPassword, verifyPassword } from './passwords';
import { spendAccountToken, usableAccountToken } from './tokens';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export interface NewUser {
  email: string;
  name?: string;
  role: Role;
  schoolId?: string;
  locale?: Locale;
  password?: string;
  subject?: string;
  formTutor?: boolean;
  demo?: boolean;
}

export async function createUser(store: Store, input: NewUser, now = clockNow()): Promise<User> {
  const email = normaliseEmail(input.email);
  const needsSchool = schoolRoles.includes(input.role);
  if (needsSchool && !input.schoolId) throw problem('user.school_required', { field: 'schoolId', values: { role: input.role } });
  if (!needsSchool && input.schoolId) throw problem('user.school_not_allowed', { field: 'schoolId', values: { role: input.role } });
  if (input.password !== undefined) checkPasswordRules(input.password, { email, name: input.name, role: input.role });
  try {
    return await store.collection(usersCollection).insertOne({
      email,
      name: input.name?.trim() ?? '',
      role: input.role,
      ...(input.schoolId ? { schoolId: input.schoolId } : {}),
      locale: input.locale ?? 'ru',
      active: true,
      ...(input.password !== undefined ? { passwordHash: await hashPassword(input.password) } : {}),
      ...(input.subject !== undefined ? { subject: input.subject } : {}),
      ...(input.formTutor !== undefined ? { formTutor: input.formTutor } : {}),
      ...(input.demo ? { demo: true } : {}),
      createdAt: now,
    });
  } catch (err) {
    // users has one unique index, on email; the engines name its fields once branch `port` lands.
    if (err instanceof DuplicateKeyError && (err.fields.length === 0 || err.fields.includes('email'))) {
      throw problem('user.email_taken', { field: 'email', values: { email } });
    }
    throw err;
  }
}

export function findUserById(store: Store, id: string): Promise<User | null> {
  return store.collection(usersCollection).findOne({ _id: id });
}

export function findUserByEmail(store: Store, email: string): Promise<User | null> {
  return store.collection(usersCollection).findOne({ email: normaliseEmail(email) });
}

export async function administratorExists(store: Store): Promise<boolean> {
  return (await store.collection(usersCollection).countDocuments({ role: 'administrator', active: true })) > 0;
}

/** The active user with this e-mail and password, or undefined (the same answer for every failure). */
export async function authenticate(store: Store, email: string, password: string): Promise<User | undefined> {
  const user = await findUserByEmail(store, email);
  const ok = await verifyPassword(user?.active ? user.passwordHash : undefined, password);
  return ok && user?.active ? user : undefined;
}

/** Sets a password from an invitation or reset link; the link is spent. Returns the user. */
export async function setPasswordWithToken(store: Store, token: string, password: string, now = clockNow()): Promise<User> {
  const record = await usableAccountToken(store, token, now);
  const user = await findUserById(store, record.userId);
  if (!user || !user.active) throw problem('account_token.unknown', { field: 'token' });
  checkPasswordRules(password, user);
  const passwordHash = await hashPassword(password);
  await spendAccountToken(store, record, now);
  await store.collection(usersCollection).updateOne({ _id: user._id }, { $set: { passwordHash } });
  return { ...user, passwordHash };
}

export interface UserScope {
  /** Only users of these schools (undefined: every user). */
  schoolIds?: string[];
  roles?: Role[];
}

export async function listUsers(store: Store, scope: UserScope): Promise<User[]> {
  const filter: Record<string, unknown> = {};
  if (scope.schoolIds) filter.schoolId = { $in: scope.schoolIds };
  if (scope.roles) filter.role = { $in: scope.roles };
  return store.collection(usersCollection).find(filter, { sort: { email: 1 } });
}

export async function updateUser(
  store: Store,
  id: string,
  change: { active?: boolean; locale?: Locale; name?: string; shareProfile?: boolean },
): Promise<User> {
  const set = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length > 0) await store.collection(usersCollection).updateOne({ _id: id }, { $set: set });
  const user = await findUserById(store, id);
  if (!user) throw problem('user.not_found', { field: 'id', values: { who: 'user' } });
  return user;
}
