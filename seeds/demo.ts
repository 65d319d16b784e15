// The demo cluster a newcomer sees: the Nevsky-district schools, campaigns of each instrument
// (open ones with a link per school, a closed one from last year) and a few hundred synthetic
// answers. Runs only on an empty store, unless asked to reset.
import { campaignsCollection, linksCollection } from '../server/campaigns/data';
import { dayIn } from '../server/calendar';
import { linkSecret, tokenHash, linkToken } from '../server/campaigns/links';
import { rebuildRollups } from '../server/analytics/rollups';
import { responsesCollection, StoredResponse } from '../server/responses/data';
import { schoolsCollection } from '../server/schools/data';
import { newId, type Store } from '../server/store';
import { getInstrument } from '../server/surveys/catalogue';
import { scoreAnswers } from '../server/surveys/scoring';
import { clearDemoAccounts, seedDemoAccounts } from './demo-accounts';
import { clusterSchools } from './schools';
import { seededRandom, syntheticAnswers } from './synthetic';

interface DemoCampaign {
  instrumentId: string;
  title: { default: string; en: string };
  status: 'open' | 'closed';
  /** Days relative to today. */
  opens: number;
  closes: number;
  /** Responses per school: [min, max]. */
  perSchool: [number, number];
  /** An earlier edition to seed on (default: the current one). */
  version?: number;
}

const demoCampaigns: DemoCampaign[] = [
  { instrumentId: 'parent-survey', title: { default: 'Анкетирование родителей: оценочные процедуры, 2026/27', en: 'Parent survey: assessment procedures, 2026/27' }, status: 'open', opens: -14, closes: 30, perSchool: [22, 52] },
  { instrumentId: 'parent-survey', title: { default: 'Анкетирование родителей: оценочные процедуры, 2025/26', en: 'Parent survey: assessment procedures, 2025/26' }, status: 'closed', opens: -380, closes: -340, perSchool: [18, 40] },
  { instrumentId: 'student-survey', title: { default: 'Анкетирование обучающихся 5–11 классов, 2026/27', en: 'Student survey, grades 5–11, 2026/27' }, status: 'open', opens: -10, closes: 30, perSchool: [10, 30] },
  { instrumentId: 'teacher-deficit', title: { default: 'Диагностика профессиональных дефицитов педагогов, сентябрь 2026', en: 'Teacher professional-deficit diagnostic, September 2026' }, status: 'open', opens: -20, closes: 20, perSchool: [5, 12] },
  { instrumentId: 'staff-effectiveness', title: { default: 'Эффективность использования ЦТ в оценочных процедурах: опрос администрации и педагогов', en: 'Effectiveness of digital tools in assessment: staff survey' }, status: 'open', opens: -7, closes: 21, perSchool: [6, 14] },
  { instrumentId: 'school-checklist', title: { default: 'Самодиагностика ОО по чек-листу, 2026/27', en: 'School self-diagnostic checklist, 2026/27' }, status: 'open', opens: -7, closes: 21, perSchool: [0, 1] },
  { instrumentId: 'school-monitoring', title: { default: 'Мониторинг образовательных результатов, 2025/26', en: 'Monitoring of educational results, 2025/26' }, status: 'open', opens: -30, closes: 45, perSchool: [1, 1], version: 1 }, // random numbers cannot pass version 2's cross-field checks; helper S's seed replaces this
];

export interface SeedCounts {
  schools: number;
  campaigns: number;
  responses: number;
}

function shiftDay(today: string, days: number): string {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function seedDemo(store: Store, options: { secret?: string; timeZone: string; now?: Date }): Promise<SeedCounts> {
  const now = options.now ?? new Date();
  const today = dayIn(options.timeZone, now);
  const random = seededRandom(20261123);
  const schools = await store.collection(schoolsCollection).insertMany(clusterSchools);
  // Each school has its own leaning, so the cluster's results differ by school.
  const mood = new Map(schools.map((s, i) => [s._id, 0.35 + ((i * 37) % 9) / 14]));
  const secret = await linkSecret(store, options.secret);
  let responses = 0;
  for (const [order, plan] of demoCampaigns.entries()) {
    const compiled = await getInstrument(store, plan.instrumentId, plan.version);
    const campaign = await store.collection(campaignsCollection).insertOne({
      title: plan.title,
      instrumentId: compiled.instrument.id,
      instrumentVersion: compiled.instrument.version,
      schoolIds: schools.map((s) => s._id),
      status: plan.status,
      opensOn: shiftDay(today, plan.opens),
      closesOn: shiftDay(today, plan.closes),
      demo: true,
      createdAt: new Date(now.getTime() + order),
    });
    const links = schools.map((s) => {
      const _id = newId();
      return { _id, campaignId: campaign._id, schoolId: s._id, tokenHash: tokenHash(linkToken(secret, _id)) };
    });
    await store.collection(linksCollection).insertMany(links);
    const batch: Omit<StoredResponse, '_id'>[] = [];
    const lastDay = Math.min(0, plan.closes);
    for (const school of schools) {
      const [min, max] = plan.perSchool;
      const count = min + Math.floor(random() * (max - min + 1));
      for (let i = 0; i < count; i++) {
        const answers = syntheticAnswers(compiled.questions, random, mood.get(school._id)!);
        const { scoring } = compiled.instrument;
        batch.push({
          campaignId: campaign._id,
          schoolId: school._id,
          instrumentId: compiled.instrument.id,
          instrumentVersion: compiled.instrument.version,
          respondentType: compiled.instrument.respondentType,
          day: shiftDay(today, plan.opens + Math.floor(random() * (lastDay - plan.opens + 1))),
          answers,
          ...(scoring && compiled.scoringItems ? { scores: scoreAnswers(scoring, compiled.scoringItems, answers) } : {}),
        });
      }
    }
    await store.collection(responsesCollection).insertMany(batch);
    responses += batch.length;
  }
  await seedDemoAccounts(store, schools[0]._id);
  // The seed writes responses in bulk, beside the submission path: count them into the rollups once.
  await rebuildRollups(store);
  return { schools: schools.length, campaigns: demoCampaigns.length, responses };
}

/** Seeds only when the store has no schools yet; returns what it added, or null. */
export async function seedDemoIfEmpty(store: Store, options: { secret?: string; timeZone: string; now?: Date }): Promise<SeedCounts | null> {
  if ((await store.collection(schoolsCollection).countDocuments({})) > 0) return null;
  return seedDemo(store, options);
}

/** Empties everything but the instrument catalogue (whose versions campaigns rely on). */
export async function clearDemo(store: Store): Promise<void> {
  await store.collection(responsesCollection).deleteMany({});
  await rebuildRollups(store);
  await store.collection(linksCollection).deleteMany({});
  await store.collection(campaignsCollection).deleteMany({});
  await store.collection(schoolsCollection).deleteMany({});
  await clearDemoAccounts(store);
}
