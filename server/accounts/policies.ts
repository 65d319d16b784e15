// Accounts' policies: who may see and manage which users. Routes ask these and nothing else.
import type { Actor } from '../http/auth';
import type { Role, User } from './data';

/** Roles each role may create, invite and deactivate. */
const manageable: Record<Role, Role[]> = {
  administrator: ['administrator', 'cluster-coordinator', 'school-coordinator', 'teacher'],
  'cluster-coordinator': ['school-coordinator', 'teacher'],
  'school-coordinator': ['teacher'],
  teacher: [],
};

/** Schools whose users the actor may list (undefined: all), or null when they may list none. */
export function userListScope(actor: Actor): { schoolIds?: string[]; roles?: Role[] } | null {
  switch (actor.role) {
    case 'administrator':
      return {};
    case 'cluster-coordinator':
      return { roles: ['school-coordinator', 'teacher'] };
    case 'school-coordinator':
      return actor.schoolId ? { schoolIds: [actor.schoolId], roles: ['school-coordinator', 'teacher'] } : null;
    default:
      return null;
  }
}

export function mayCreateUser(actor: Actor, target: { role: Role; schoolId?: string }): boolean {
  if (!manageable[actor.role].includes(target.role)) return false;
  if (actor.role === 'school-coordinator') return !!target.schoolId && target.schoolId === actor.schoolId;
  return true;
}

/** Invite again, deactivate, reactivate. Nobody deactivates themselves (an administrator could lock everyone out). */
export function mayManageUser(actor: Actor, target: User): boolean {
  if (actor.kind === 'user' && actor.id === target._id) return false;
  return mayCreateUser(actor, { role: target.role, schoolId: target.schoolId });
}

export function mayListUsers(actor: Actor): boolean {
  return userListScope(actor) !== null;
}
