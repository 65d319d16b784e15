// The demo schools' teachers: a roster per school (accounts without a password, as if invited;
// not marked demo, so the start page lists only the four sign-in accounts),
// each with a competence of their own per diagnostic area around their school's profile, which
// their self-ratings and their knowledge answers both follow (so the two mostly agree).
import type { User } from '../server/accounts/data';
import { createUser } from '../server/accounts/service';
import type { Store } from '../server/store';
import type { CompiledInstrument } from '../server/surveys/definition';
import type { QuestionInfo } from '../server/surveys/questions';
import { areaOf, clamp01, randomFor, SchoolProfile } from './profiles';
import { factsOf } from './school-facts';
import { syntheticAnswers, type Random } from './synthetic';

const firstNames = [
  'Анна',
  'Елена',
  'Ольга',
  'Марина',
  'Татьяна',
  'Наталья',
  'Ирина',
  'Светлана',
  'Юлия',
  'Мария',
  'Андрей',
  'Сергей',
  'Дмитрий',
  'Алексей',
  'Павел',
];
const patronymics = {
  f: ['Александровна', 'Сергеевна', 'Викторовна', 'Игоревна', 'Николаевна', 'Владимировна'],
  m: ['Александрович', 'Сергеевич', 'Викторович', 'Игоревич', 'Николаевич', 'Владимирович'],
};
const lastNames = {
  f: [
    'Иванова',
    'Смирнова',
    'Кузнецова',
    'Попова',
    'Соколова',
    'Лебедева',
    'Козлова',
    'Новикова',
    'Морозова',
    'Волкова',
    'Соловьёва',
    'Васильева',
  ],
  m: ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Соколов', 'Лебедев', 'Козлов', 'Новиков', 'Морозов', 'Волков', 'Соловьёв', 'Васильев'],
};
const subjects = [
  'Математика',
  'Физика',
  'Информатика',
  'Химия',
  'Биология',
  'Математика',
  'Русский язык',
  'Английский язык',
  'История',
  'География',
];

export interface DemoTeacher {
  user: User;
  schoolNumber: string;
  /** Answers only the campaigns already closed (the demo account's own open diagnostic is left to try). */
  pastOnly?: boolean;
}

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];

/** Creates each school's teachers through the accounts service. */
export async function seedTeachers(store: Store, schools: { _id: string; number: string }[], now: Date): Promise<DemoTeacher[]> {
  const teachers: DemoTeacher[] = [];
  for (const school of schools) {
    const random = randomFor(`${school.number}/roster`);
    for (let i = 1; i <= factsOf(school.number).teachers; i++) {
      const sex = random() < 0.75 ? 'f' : 'm';
      const first = sex === 'f' ? pick(random, firstNames.slice(0, 10)) : pick(random, firstNames.slice(10));
      const name = `${first} ${pick(random, patronymics[sex])} ${pick(random, lastNames[sex])}`;
      const user = await createUser(
        store,
        {
          email: `teacher${i}.${school.number}@demo.mera.local`,
          name,
          role: 'teacher',
          schoolId: school._id,
          subject: pick(random, subjects),
          formTutor: random() < 0.4,
        },
        now,
      );
      teachers.push({ user, schoolNumber: school.number });
    }
  }
  return teachers;
}

/**
 * A teacher's competence per area: the school's leaning on that area plus the person's own
 * (fixed across campaigns, so their profile shows their growth, not noise), `yearsAgo` back.
 */
function teacherCompetence(teacher: DemoTeacher, school: SchoolProfile, yearsAgo: number) {
  const own = randomFor(`${teacher.user.email}/level`)() * 0.4 - 0.2;
  const growth = randomFor(`${teacher.user.email}/growth`)() * 0.15;
  return (question: string) => {
    const area = areaOf(question);
    const spread = randomFor(`${teacher.user.email}/${area}`)() * 0.3 - 0.15;
    return clamp01(school.moodOf(question) + own + spread - growth * yearsAgo);
  };
}

/** The answer choices of the diagnostic's own questions about the person, when it asks them. */
const subjectAreas: Record<string, string> = {
  Математика: 'math_informatics',
  Информатика: 'math_informatics',
  Физика: 'sciences',
  Химия: 'sciences',
  Биология: 'sciences',
  География: 'sciences',
  'Русский язык': 'languages',
  'Английский язык': 'languages',
  История: 'social_studies',
};

function aboutTheTeacher(teacher: DemoTeacher): Record<string, unknown> {
  const experience = ['under_3', 'from_3_to_10', 'from_11_to_20', 'over_20'];
  const own = randomFor(`${teacher.user.email}/about`);
  return {
    experience_band: experience[Math.min(3, Math.floor(own() * 4.4))],
    // Most form tutors teach a subject too; they answer as tutors, as the class portfolio is theirs.
    work_role: teacher.user.formTutor ? 'form_tutor' : own() < 0.12 ? 'administration' : 'subject_teacher',
    subject_area: subjectAreas[teacher.user.subject ?? ''] ?? 'sciences',
  };
}

/**
 * One teacher's diagnostic answers in a campaign (validated by the server's own validator).
 * Self-ratings lean with the teacher's competence in the area; each knowledge item is answered
 * right with a chance that grows with the same competence (else «Не знаю» or a wrong option), so
 * knowledge and self-rating agree more often than not. Work that is not the person's own (a class
 * portfolio for a subject teacher) is answered «Не относится к моей работе» where the item offers it.
 */
export function diagnosticAnswers(
  compiled: CompiledInstrument,
  teacher: DemoTeacher,
  school: SchoolProfile,
  yearsAgo: number,
  random: Random,
): Record<string, unknown> {
  const competence = teacherCompetence(teacher, school, yearsAgo);
  const fixed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(aboutTheTeacher(teacher))) if (compiled.questions.questions.has(name)) fixed[name] = value;
  const tutor = teacher.user.formTutor === true;
  for (const items of compiled.scoringItems?.values() ?? []) {
    for (const item of items) {
      const c = competence(item.question);
      if (item.points && item.part === 'knowledge') {
        const choices = Object.entries(item.points);
        const best = Math.max(...choices.map(([, p]) => p));
        const right = choices.find(([, p]) => p === best)![0];
        const wrong = choices.filter(([v, p]) => p < best && v !== 'none').map(([v]) => v);
        const r = random();
        fixed[item.question] =
          r < 0.15 + 0.75 * c
            ? right
            : r < 0.15 + 0.75 * c + (1 - c) * 0.12 && choices.some(([v]) => v === 'none')
              ? 'none'
              : wrong[Math.floor(random() * wrong.length)];
      } else if (item.notScored?.length) {
        const notMine = item.question.startsWith('class_portfolio') ? !tutor : random() < (tutor ? 0.2 : 0.45);
        if (notMine) fixed[item.question] = item.notScored[0];
      }
    }
  }
  return syntheticAnswers(compiled.questions, random, (q: QuestionInfo) => competence(q.name), fixed);
}
