// Who may take a personal diagnostic and who may see a teacher's profile.
import type { Actor } from '../http/auth';

/** Teachers take their own diagnostics (they belong to a school). */
export const mayTakeDiagnostics = (actor: Actor) => actor.kind === 'user' && actor.role === 'teacher' && !!actor.schoolId;

/**
 * A teacher's profile: the teacher; an administrator; their own school's coordinator only when
 * the teacher chose to share it. A cluster coordinator never (aggregated results only).
 */
export function mayViewProfile(actor: Actor, owner: { id: string; schoolId?: string; shareProfile?: boolean }): boolean {
  if (actor.kind === 'user' && actor.id === owner.id) return true;
  if (actor.role === 'administrator') return true;
  return actor.role === 'school-coordinator' && !!owner.schoolId && actor.schoolId === owner.schoolId && owner.shareProfile === true;
}
