// What the accounts routes answer, shaped in one place: a user, the signed-in person, an invitation.
import type { OutgoingMail } from '../mail/data';
import type { User } from './data';
import type { SentLink } from './invitations';
import type { PublicUser, SessionUser } from './views';

/** A user as the API lists them: never the password hash. */
export function presentUser(user: User): PublicUser {
  return {
    id: user._id,
    email: user.email,
    name: user.name,
    role: user.role,
    ...(user.schoolId ? { schoolId: user.schoolId } : {}),
    locale: user.locale,
    active: user.active,
    hasPassword: !!user.passwordHash,
    ...(user.subject !== undefined ? { subject: user.subject } : {}),
    ...(user.formTutor !== undefined ? { formTutor: user.formTutor } : {}),
    ...(user.role === 'teacher' ? { shareProfile: user.shareProfile === true } : {}),
  };
}

/** The signed-in person as the session carries them (req.user) and GET /api/session shows them. */
export const presentSessionUser = (user: User): SessionUser => ({
  id: user._id,
  email: user.email,
  name: user.name,
  role: user.role,
  schoolId: user.schoolId,
  locale: user.locale,
});

/** A user in the users list: with their latest invitation's delivery, when they have one. */
export function presentListedUser(user: User, invitation: Pick<OutgoingMail, 'status' | 'attempts' | 'lastError'> | undefined) {
  return {
    ...presentUser(user),
    ...(invitation
      ? {
          invitation: {
            status: invitation.status,
            attempts: invitation.attempts,
            ...(invitation.lastError ? { error: invitation.lastError } : {}),
          },
        }
      : {}),
  };
}

/** An invitation just sent: when its link expires, and its delivery so far. */
export const presentInvitation = (sent: SentLink) => ({ expiresAt: sent.expiresAt, ...sent.mail });
