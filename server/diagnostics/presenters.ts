// What the profile routes answer, shaped in one place.
import type { User } from '../accounts/data';
import type { profileHistory } from './service';

type History = Awaited<ReturnType<typeof profileHistory>>;

/** A teacher's own profile: whether they share it, and their history. */
export const presentOwnProfile = (user: User | null, history: History) => ({
  shareWithCoordinator: user?.shareProfile === true,
  history,
});

/** Another reader's view of a teacher's profile: the name and the history. */
export const presentTeacherProfile = (teacher: User, history: History) => ({ name: teacher.name, history });
