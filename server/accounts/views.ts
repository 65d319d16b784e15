// What the accounts API shows of a user, shared by the server and the client (the client imports
// these types only; nothing here may need Node). One definition, so the two cannot drift apart.
export const roles = ['administrator', 'cluster-coordinator', 'school-coordinator', 'teacher'] as const;
export type Role = (typeof roles)[number];

export const locales = ['ru', 'en'] as const;
export type Locale = (typeof locales)[number];

/** The signed-in person, as the session and `req.user` carry them. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Set for school roles only. */
  schoolId?: string;
  locale: Locale;
}

/** A user as the API lists them: never the password hash. */
export interface PublicUser extends SessionUser {
  active: boolean;
  hasPassword: boolean;
  subject?: string;
  formTutor?: boolean;
  /** Teachers only: whether they share their profile with their school coordinator. */
  shareProfile?: boolean;
}
