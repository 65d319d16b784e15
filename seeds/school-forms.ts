// The schools' own forms in the demo. The monitoring form: figures a school of its size would
// report (shared/seeds 001), built from the school's enrolment down, so they nest as the form's
// cross-field checks demand (participants within enrolment, winners within participants, admitted
// to profile ≤ admitted ≤ graduates, shares within 0–100, means within the mark's scale) and follow
// the school's strengths. The checklist: each item «да» in as many schools as the item has matured
// in the cluster by that stage (some items in all nine, so met; others not yet), the stronger
// schools first, with the evidence «да» requires.
import type { School } from '../server/schools/data';
import type { CompiledInstrument } from '../server/surveys/definition';
import type { DemoCampaign } from './demo-calendar';
import { clamp01, randomFor, schoolProfile, type SchoolProfile } from './profiles';
import { factsOf } from './school-facts';
import { syntheticAnswers, type Random } from './synthetic';

const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;
/** A share in per cent with one decimal, kept within 0–100. */
const share = (x: number) => round(Math.min(100, Math.max(0, x)), 1);
const jitter = (random: Random, width: number) => (random() - 0.5) * width;

/** Lowered / confirmed / raised marks (per cent, summing to 100 within rounding). */
function markAgreement(random: Random, s: number, prefix: string): Record<string, number> {
  const confirmed = share(52 + 36 * s + jitter(random, 8));
  const lowered = share((100 - confirmed) * (0.55 + 0.3 * (1 - s)));
  return { [`${prefix}_lowered`]: lowered, [`${prefix}_confirmed`]: confirmed, [`${prefix}_raised`]: round(100 - confirmed - lowered, 1) };
}

/** A ВПР subject by grade band: participants within the band's enrolment, the share of «2», the agreement with the journal. */
function vpr(answers: Record<string, unknown>, random: Random, subject: string, bands: string[], s: number) {
  let total = 0;
  for (const band of bands) {
    const enrolled = answers[`enrol_${band}`] as number;
    const participants = Math.round(enrolled * (0.86 + random() * 0.1));
    total += participants;
    const prefix = `vpr_${subject}_${band}`;
    answers[`${prefix}_participants`] = participants;
    // The middle grades (7–8) do worse than the younger ones, as ВПР results usually show.
    answers[`${prefix}_fail_share`] = share(16 - 14 * s + (band === 'g7_8' ? 5 : 0) + jitter(random, 4));
    Object.assign(answers, markAgreement(random, s, prefix));
  }
  answers[`vpr_${subject}_participants`] = total;
  answers[`vpr_${subject}_mean`] = round(3.05 + 1.05 * s + jitter(random, 0.15), 2);
  answers[`vpr_${subject}_quality`] = share(28 + 48 * s + jitter(random, 8));
  answers[`vpr_${subject}_confirmed`] = share(55 + 35 * s + jitter(random, 8));
}

/** An ЕГЭ subject (100-point scale): the mean, the share below the minimum, the high scorers (81+). */
function ege(answers: Record<string, unknown>, random: Random, subject: string, participants: number, s: number) {
  answers[`ege_${subject}_participants`] = participants;
  if (participants === 0) return;
  answers[`ege_${subject}_mean`] = round(48 + 28 * s + jitter(random, 6), 1);
  answers[`ege_${subject}_below_min_share`] = share(Math.max(0, 9 - 10 * s + jitter(random, 4)));
  answers[`ege_${subject}_high_scorers`] = Math.min(participants, Math.round(participants * (0.02 + 0.3 * s * s) * (0.7 + random() * 0.6)));
}

/** An olympiad subject from the school stage to the final: each stage's participants come from the stage before. */
function olympiad(answers: Record<string, unknown>, random: Random, subject: string, pupils: number, s: number, reach: number) {
  const school = Math.round(pupils * reach * (0.5 + s) * (0.85 + random() * 0.3));
  const schoolWinners = Math.round(school * (0.12 + 0.15 * s));
  const district = Math.round(schoolWinners * (0.45 + 0.4 * random()));
  const districtWinners = Math.round(district * (0.08 + 0.3 * s));
  const regional = Math.round(districtWinners * (0.3 + 0.5 * s));
  const regionalWinners = Math.round(regional * 0.4 * s * random() * 2);
  const final = s > 0.65 ? Math.min(regional, Math.round(regionalWinners * random() * 1.5)) : 0;
  const values: Record<string, number> = {
    school_participants: school,
    school_winners: Math.min(school, schoolWinners),
    district_participants: district,
    district_winners: Math.min(district, districtWinners),
    regional_participants: regional,
    regional_winners: Math.min(regional, regionalWinners),
    final_participants: final,
    final_winners: Math.min(final, final > 0 && random() < s - 0.4 ? 1 : 0),
  };
  for (const [key, value] of Object.entries(values)) {
    const winners = key.endsWith('_winners');
    // A stage's winners are asked only when it had participants.
    if (winners && values[key.replace('_winners', '_participants')] === 0) continue;
    answers[`olymp_${subject}_${key}`] = value;
  }
}

const problems: Record<string, string> = {
  vpr_math:
    'Доля отметок «2» на ВПР по математике в 7–8 классах выше, чем в 5–6: не хватает часов на отработку базовых умений; часть учителей математики работает первый год.',
  vpr_science:
    'Отметки ВПР по естественнонаучным предметам расходятся с журнальными (занижение): критерии текущего оценивания в школе и в ВПР не согласованы.',
  ege: 'Средний балл ЕГЭ по физике и информатике ниже среднего по кластеру: мало выпускников выбирают эти предметы, нет профильных групп.',
  rdr: 'Высока доля низких результатов РДР по математике: результаты диагностики не используются для коррекции рабочих программ.',
  olymp: 'Мало участников регионального этапа олимпиад: нет системы подготовки, кружки работают нерегулярно.',
  grads: 'Доля выпускников, поступивших в вузы по профилю школы, снизилась: профориентация начинается поздно, в 10 классе.',
};

/** The monitoring form of one school for the campaign's reporting year. */
function monitoringAnswers(
  compiled: CompiledInstrument,
  school: School,
  profile: SchoolProfile,
  yearsAgo: number,
  random: Random,
): Record<string, unknown> {
  const { pupils: now } = factsOf(school.number);
  // Schools grow a little year by year.
  const pupils = Math.round(now * (1 - 0.025 * yearsAgo));
  const perGrade = pupils / 11.2;
  const senior = /лицей|гимназия|углублённым/i.test(school.name.default) ? 0.85 : 0.68;
  const answers: Record<string, unknown> = {
    enrol_total: pupils,
    enrol_g4: Math.round(perGrade * (1.02 + jitter(random, 0.1))),
    enrol_g5_6: Math.round(2 * perGrade * (1 + jitter(random, 0.1))),
    enrol_g7_8: Math.round(2 * perGrade * (0.97 + jitter(random, 0.1))),
    enrol_g9: Math.round(perGrade * (0.95 + jitter(random, 0.1))),
    enrol_g10_11: Math.round(2 * perGrade * senior * (1 + jitter(random, 0.1))),
  };
  vpr(answers, random, 'math', ['g4', 'g5_6', 'g7_8'], profile.of('vpr_math'));
  vpr(answers, random, 'science', ['g5_6', 'g7_8'], profile.of('vpr_science'));
  const graduates = Math.round(((answers.enrol_g10_11 as number) / 2) * (0.92 + random() * 0.06));
  const math = profile.of('ege_math');
  const profileMath = Math.round(graduates * (0.35 + 0.45 * math));
  const baseMath = graduates - profileMath;
  answers.ege_math_base_participants = baseMath;
  if (baseMath > 0) {
    answers.ege_math_base_mean = round(Math.min(5, 3.55 + 1.2 * math + jitter(random, 0.2)), 2);
    answers.ege_math_base_below_min_share = share(Math.max(0, 5 - 6 * math + jitter(random, 2)));
    answers.ege_math_base_top_share = share(22 + 45 * math + jitter(random, 8));
  }
  ege(answers, random, 'math_profile', profileMath, math);
  ege(answers, random, 'informatics', Math.round(graduates * (0.08 + 0.25 * profile.of('ege_informatics'))), profile.of('ege_informatics'));
  ege(answers, random, 'physics', Math.round(graduates * (0.08 + 0.18 * profile.of('ege_physics'))), profile.of('ege_physics'));
  ege(answers, random, 'chemistry', Math.round(graduates * (0.04 + 0.12 * profile.of('ege_chemistry'))), profile.of('ege_chemistry'));
  ege(answers, random, 'biology', Math.round(graduates * (0.06 + 0.14 * profile.of('ege_biology'))), profile.of('ege_biology'));
  for (const [subject, bands] of [
    ['math', ['g5_6', 'g7_8']],
    ['science', ['g7_8']],
  ] as const) {
    const s = profile.of(`rdr_${subject}`);
    const participants = bands.reduce((sum, b) => sum + Math.round((answers[`enrol_${b}`] as number) * (0.4 + random() * 0.1)), 0);
    answers[`rdr_${subject}_participants`] = participants;
    answers[`rdr_${subject}_high_share`] = share(8 + 30 * s + jitter(random, 6));
    answers[`rdr_${subject}_low_share`] = share(Math.max(2, 28 - 24 * s + jitter(random, 6)));
  }
  olympiad(answers, random, 'math', pupils, profile.of('olymp_math'), 0.16);
  olympiad(answers, random, 'informatics', pupils, profile.of('olymp_informatics'), 0.07);
  olympiad(answers, random, 'science', pupils, profile.of('olymp_science'), 0.2);
  const conferences = Math.round(pupils * 0.02 * (0.5 + profile.of('conf')));
  answers.conf_participants = conferences;
  if (conferences > 0) answers.conf_winners = Math.round(conferences * (0.15 + 0.3 * profile.of('conf')));
  const grads = profile.of('grads');
  answers.grads_total = graduates;
  if (graduates > 0) {
    answers.grads_universities = Math.round(graduates * (0.72 + 0.24 * grads));
    answers.grads_profile_universities = Math.round((answers.grads_universities as number) * (0.25 + 0.45 * grads));
  }
  // The analytic report's «проблемы и их причины»: the school's weakest area, in its words.
  const weakest = Object.keys(problems).sort((a, b) => profile.of(a) - profile.of(b))[0];
  answers.problems_causes = problems[weakest];
  // Only what this edition of the form asks (an earlier one asks less).
  const asked = Object.fromEntries(Object.entries(answers).filter(([name]) => compiled.questions.questions.has(name)));
  return syntheticAnswers(compiled.questions, random, profile.base, asked);
}

/** The order of checklist stages over time: last year's three, then this year's. */
const stageOrder = ['october', 'january', 'june'];
const stageIndex = (plan: DemoCampaign) => (1 - Math.round(plan.yearsAgo)) * 3 + stageOrder.indexOf(plan.stage ?? 'october');

const evidence = [
  'Положение о ВСОКО и график оценочных процедур на сайте школы: https://school.example.ru/vsoko',
  'Приказ и протокол методического совета; материалы в общей папке школы.',
  'Отчёт заместителя директора по УВР за этап; ссылка в электронном журнале.',
  'Электронный каталог КИМ в облачном хранилище школы: https://disk.example.ru/kim',
];

/**
 * A school's checklist at a stage. Each item has matured in the cluster to some degree (items of
 * their own, growing stage by stage); that many schools answer «да», the schools stronger on the
 * item first; the others «частично» or «нет».
 */
function checklistAnswers(
  compiled: CompiledInstrument,
  school: School,
  schools: School[],
  plan: DemoCampaign,
  random: Random,
): Record<string, unknown> {
  const items = compiled.instrument.indicators.filter((i) => i.kind === 'share-of-schools').flatMap((i) => i.questions);
  const t = stageIndex(plan);
  const fixed: Record<string, unknown> = {};
  for (const item of items) {
    const maturity = clamp01(0.45 + randomFor(`checklist/${item}`)() * 0.55 + 0.05 * t);
    const yes = Math.round(schools.length * maturity);
    const leaning = (s: School) =>
      schoolProfile(s.number, 'school-checklist', plan.yearsAgo).of(item) + randomFor(`${s.number}/${item}`)() * 0.1;
    const rank = [...schools].sort((a, b) => leaning(b) - leaning(a)).findIndex((s) => s._id === school._id);
    const answer = rank < yes ? 'yes' : random() < 0.65 ? 'partly' : 'no';
    fixed[item] = answer;
    if (answer !== 'no' && compiled.questions.questions.has(`${item}_evidence`)) {
      fixed[`${item}_evidence`] = answer === 'yes' || random() < 0.5 ? evidence[Math.floor(random() * evidence.length)] : undefined;
    }
  }
  return syntheticAnswers(compiled.questions, random, 0.5, fixed);
}

/** A school's form in a campaign, or null when the school has not sent it (yet). */
export function schoolFormAnswers(
  compiled: CompiledInstrument,
  school: School,
  schools: School[],
  plan: DemoCampaign,
  random: Random,
): Record<string, unknown> | null {
  if (plan.instrumentId === 'school-checklist') return checklistAnswers(compiled, school, schools, plan, random);
  const profile = schoolProfile(school.number, plan.instrumentId, plan.yearsAgo);
  if (plan.instrumentId === 'school-monitoring') return monitoringAnswers(compiled, school, profile, plan.yearsAgo, random);
  return syntheticAnswers(compiled.questions, random, (q) => profile.moodOf(q.name));
}
