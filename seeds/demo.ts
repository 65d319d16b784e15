// The demo cluster a newcomer sees: the Nevsky-district schools, their accounts and teachers, and
// campaigns of every instrument over two school years, answered in a way a coordinator would
// believe (each school its own strengths per instrument, last year different from this one).
// Everything goes through the services the HTTP routes call, with the clock set to the day each
// step happens: campaigns planned, opened (links issued) and closed by the campaigns service,
// answers submitted through the respondents' submission and the teachers' diagnostic, so
// validation, scoring and the analytics rollups are exactly what real use makes of them.
// Runs only on an empty store, unless asked to reset.
import { now as clockNow } from '../server/clock';
import { usersCollection } from '../server/accounts/data';
import { dayIn } from '../server/calendar';
import type { Actor } from '../server/campaigns/audit';
import { closeJob, reminderJob } from '../server/campaigns/campaign-jobs';
import { diagnosticsCollection } from '../server/diagnostics/data';
import { jobsCollection } from '../server/jobs/data';
import { audienceOf, auditCollection, campaignsCollection, linksCollection, type Campaign } from '../server/campaigns/data';
import { addDays, dayStart } from '../server/campaigns/dates';
import { campaignLinks, closeCampaign, openCampaign } from '../server/campaigns/launch';
import { issueLinks, linkSecret } from '../server/campaigns/links';
import { createCampaign } from '../server/campaigns/planning';
import { rebuildRollups } from '../server/analytics/rollups';
import { submitMyDiagnostic } from '../server/diagnostics/service';
import {
  responsesCollection,
  schoolFormDraftsCollection,
  schoolFormReopeningsCollection,
  schoolFormRevisionsCollection,
  schoolYearFormsCollection,
} from '../server/responses/data';
import { submitResponse } from '../server/responses/service';
import { submitSchoolForm } from '../server/responses/school-forms';
import type { Actor as HttpActor } from '../server/http/auth';
import { schoolsCollection, type School } from '../server/schools/data';
import { addSchool } from '../server/schools/service';
import type { Store } from '../server/store';
import { getInstrument } from '../server/surveys/catalogue';
import type { CompiledInstrument } from '../server/surveys/definition';
import { demoCalendar, type DemoCampaign } from './demo-calendar';
import { connectComponents } from '../server/components';
import { clearDemoAccounts, seedDemoAccounts } from './demo-accounts';
import { clamp01, randomFor, schoolProfile } from './profiles';
import { factsOf } from './school-facts';
import { clusterSchools } from './schools';
import { schoolFormAnswers } from './school-forms';
import { syntheticAnswers, type Random } from './synthetic';
import { DemoTeacher, diagnosticAnswers, seedTeachers } from './teachers';

export interface SeedCounts {
  schools: number;
  campaigns: number;
  responses: number;
}

export interface SeedOptions {
  secret?: string;
  timeZone: string;
  /** The seed's "today": last year's campaigns are dated before it, this year's open ones around it. */
  now?: Date;
}

/** Answers per school in a campaign of an anonymous survey: a share of the school's size. */
const answersPerSchool: Record<string, (pupils: number) => number> = {
  'parent-survey': (pupils) => Math.round(pupils * 0.014),
  'student-survey': (pupils) => Math.round(pupils * 0.011),
  'staff-effectiveness': (pupils) => Math.round(pupils / 45),
};

/** How far an open campaign has got: the share of its days gone, at least half (the first days bring most answers). */
function progress(plan: DemoCampaign, today: string): number {
  if (plan.closesOn < today) return 1;
  const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  return Math.max(0.5, Math.min(1, days(plan.opensOn, today) / Math.max(1, days(plan.opensOn, plan.closesOn))));
}

/**
 * Submits in the order of their days, 24 at a time, as respondents arriving together do: the
 * rollups then count a round of them in one write per school (their group commit), which keeps
 * seeding quick. Each answer carries its own day, so arriving together changes no count.
 */
async function submitByDay<T extends { day: string }>(items: T[], submit: (item: T) => Promise<unknown>): Promise<void> {
  items.sort((a, b) => a.day.localeCompare(b.day));
  for (let i = 0; i < items.length; i += 24) await Promise.all(items.slice(i, i + 24).map(submit));
}

/** The expected number of answers a coordinator would set (the response rate's denominator). */
const targetPerSchool: Record<string, (pupils: number, teachers: number) => number> = {
  'parent-survey': (pupils) => Math.round(pupils * 0.05),
  'student-survey': (pupils) => Math.round(pupils * 0.03),
  'staff-effectiveness': (pupils) => Math.round(pupils / 25),
  'teacher-deficit': (_pupils, teachers) => teachers,
  'school-checklist': () => 1,
  'school-monitoring': () => 1,
};

/** Noon of a day in the cluster's time zone: the instant each step of a day happens at. */
const noonOf = (day: string, timeZone: string) => dayStart(day, timeZone, 12);

/** `count` answer days spread over a campaign's days so far, in order. */
function answerDays(random: Random, from: string, to: string, count: number): string[] {
  const span = Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000));
  return Array.from({ length: count }, () => addDays(from, Math.floor(random() * (span + 1)))).sort();
}

interface SeedWorld {
  store: Store;
  timeZone: string;
  today: string;
  secret: string;
  coordinator: Actor;
  responsibleUserId: string;
  schools: School[];
  teachers: DemoTeacher[];
}

/** Plans and opens one campaign on its days, answers it, and closes it when its closing day has passed. */
async function runCampaign(world: SeedWorld, plan: DemoCampaign): Promise<number> {
  const { store, timeZone, today } = world;
  const compiled = await getInstrument(store, plan.instrumentId);
  const { instrument } = compiled;
  const facts = new Map(world.schools.map((s) => [s._id, factsOf(s.number)]));
  const target = targetPerSchool[plan.instrumentId];
  const planned = addDays(plan.opensOn, -10);
  const ctx = (day: string) => ({ actor: world.coordinator, now: noonOf(day, timeZone), timeZone });
  const created = await createCampaign(
    store,
    {
      title: plan.title,
      instrumentId: instrument.id,
      instrumentVersion: instrument.version,
      audience: audienceOf[instrument.respondentType],
      schoolIds: world.schools.map((s) => s._id),
      opensOn: plan.opensOn,
      closesOn: plan.closesOn,
      responsible: { userId: world.responsibleUserId },
      ...(target
        ? {
            targets: Object.fromEntries(
              world.schools.map((s) => [s._id, Math.max(1, target(facts.get(s._id)!.pupils, facts.get(s._id)!.teachers))]),
            ),
          }
        : {}),
      ...(plan.stage ? { stage: plan.stage } : {}),
      ...(plan.reportingYear ? { reportingYear: plan.reportingYear } : {}),
    },
    ctx(planned < today ? planned : today),
    { demo: true },
  );
  const opened = await openCampaign(store, created._id, { ...ctx(plan.opensOn < today ? plan.opensOn : today), secret: world.secret });
  // Signed-in audiences get no links from opening; the demo issues them anyway, so a newcomer can
  // try every instrument from the start page without signing in (and school forms are answered by link).
  if (!instrument.anonymous) await issueLinks(store, opened, world.secret);
  const lastDay = plan.closesOn < today ? plan.closesOn : today;
  const answered =
    instrument.respondentType === 'teacher' && !instrument.anonymous
      ? await answerDiagnostics(world, opened, compiled, plan, lastDay)
      : await answerByLinks(world, opened, compiled, plan, lastDay);
  if (plan.closesOn < today) {
    await closeCampaign(
      store,
      opened._id,
      { actor: { kind: 'system', reason: 'closing-date' }, now: noonOf(addDays(plan.closesOn, 1), timeZone), timeZone },
      { onlyWhenDue: true },
    );
  }
  return answered;
}

/** The schools yet to send an open monitoring form: the first two by id (any two would do; tests answer as them). */
function stillToReport(schools: School[]): Set<string> {
  return new Set(
    schools
      .map((s) => s._id)
      .sort()
      .slice(0, 2),
  );
}

/** The respondents' answers, each submitted through a school's link on its day. */
async function answerByLinks(
  world: SeedWorld,
  campaign: Campaign,
  compiled: CompiledInstrument,
  plan: DemoCampaign,
  lastDay: string,
): Promise<number> {
  const links = await campaignLinks(world.store, campaign._id, world.secret);
  const submissions: { day: string; token: string; answers: Record<string, unknown> }[] = [];
  const forms: { day: string; school: School; answers: Record<string, unknown> }[] = [];
  const schoolForm = compiled.instrument.respondentType === 'school';
  for (const school of world.schools) {
    const token = links.find((l) => l.schoolId === school._id)!.token;
    const random = randomFor(`${school.number}/${campaign.title.default}`);
    const profile = schoolProfile(school.number, plan.instrumentId, plan.yearsAgo);
    if (schoolForm) {
      // This year's monitoring is still open: two schools have yet to send their form.
      if (plan.instrumentId === 'school-monitoring' && plan.closesOn >= world.today && stillToReport(world.schools).has(school._id))
        continue;
      const answers = schoolFormAnswers(compiled, school, world.schools, plan, random);
      if (answers) forms.push({ day: answerDays(random, plan.opensOn, lastDay, 1)[0], school, answers });
      continue;
    }
    // Open campaigns are part-way: the answers so far.
    const count = Math.max(
      6,
      Math.round((answersPerSchool[plan.instrumentId]?.(factsOf(school.number).pupils) ?? 10) * progress(plan, world.today)),
    );
    const days = answerDays(random, plan.opensOn, lastDay, count);
    for (const day of days) {
      // Each respondent's own leaning around their school's.
      const own = random() * 0.36 - 0.18;
      submissions.push({ day, token, answers: syntheticAnswers(compiled.questions, random, (q) => clamp01(profile.moodOf(q.name) + own)) });
    }
  }
  await submitByDay(submissions, (s) => submitResponse(world.store, s.token, s.answers, s.day));
  // A school's form is its return, sent signed in by its coordinator (responses/school-forms.ts).
  await submitByDay(forms, (f) =>
    submitSchoolForm(
      world.store,
      { campaign, schoolId: f.school._id, actor: schoolCoordinatorOf(f.school), now: noonOf(f.day, world.timeZone), today: f.day },
      f.answers,
      { basedOn: 0 },
    ),
  );
  return submissions.length + forms.length;
}

/** Who sends a demo school's forms: its coordinator (most demo schools have no account for one). */
const schoolCoordinatorOf = (school: School): HttpActor => ({
  kind: 'user',
  id: `demo-coordinator-${school.number}`,
  role: 'school-coordinator',
  schoolId: school._id,
  locale: 'ru',
  email: `coordinator-${school.number}@demo.mera.local`,
  name: `Координатор школы № ${school.number}`,
});

/** Each teacher of the schools takes their diagnostic signed in (most do; a few have not yet). */
async function answerDiagnostics(
  world: SeedWorld,
  campaign: Campaign,
  compiled: CompiledInstrument,
  plan: DemoCampaign,
  lastDay: string,
): Promise<number> {
  const submissions: { day: string; teacher: DemoTeacher; answers: Record<string, unknown> }[] = [];
  const open = plan.closesOn >= world.today;
  for (const teacher of world.teachers) {
    const random = randomFor(`${teacher.user.email}/${campaign.title.default}`);
    if (random() < (open ? 0.25 : 0.08) || (open && teacher.pastOnly)) continue;
    const school = world.schools.find((s) => s._id === teacher.user.schoolId)!;
    const profile = schoolProfile(school.number, plan.instrumentId, plan.yearsAgo);
    submissions.push({
      day: answerDays(random, plan.opensOn, lastDay, 1)[0],
      teacher,
      answers: diagnosticAnswers(compiled, teacher, profile, plan.yearsAgo, random),
    });
  }
  await submitByDay(submissions, (s) =>
    submitMyDiagnostic(
      world.store,
      { id: s.teacher.user._id, schoolId: s.teacher.user.schoolId! },
      campaign._id,
      s.answers,
      s.day,
      noonOf(s.day, world.timeZone),
    ),
  );
  return submissions.length;
}

export async function seedDemo(store: Store, options: SeedOptions): Promise<SeedCounts> {
  // The answers go through the services: analytics must be listening, so the rollups count them.
  connectComponents();
  const now = options.now ?? clockNow();
  const { timeZone } = options;
  const today = dayIn(timeZone, now);
  const calendar = demoCalendar(today);
  // Accounts and schools exist before the first campaign is planned.
  const before = noonOf(addDays(calendar[0].opensOn, -30), timeZone);
  const schools: School[] = [];
  for (const school of clusterSchools) schools.push(await addSchool(store, school));
  const accounts = await seedDemoAccounts(store, schools[0]._id, before);
  const cluster = accounts.find((u) => u.role === 'cluster-coordinator')!;
  // The demo teacher took last year's diagnostics (their profile has a history) but not this
  // year's open one, which a newcomer signed in as them can take.
  const demoTeacher = accounts.find((u) => u.role === 'teacher')!;
  const teachers = [
    { user: demoTeacher, schoolNumber: schools[0].number, pastOnly: true },
    ...(await seedTeachers(store, schools, before)),
  ];
  const world: SeedWorld = {
    store,
    timeZone,
    today,
    secret: await linkSecret(store, options.secret),
    coordinator: { kind: 'user', userId: cluster._id, name: cluster.name },
    responsibleUserId: cluster._id,
    schools,
    teachers,
  };
  let responses = 0;
  for (const plan of calendar) responses += await runCampaign(world, plan);
  return { schools: schools.length, campaigns: calendar.length, responses };
}

/** Seeds only when the store has no schools yet; returns what it added, or null. */
export async function seedDemoIfEmpty(store: Store, options: SeedOptions): Promise<SeedCounts | null> {
  if ((await store.collection(schoolsCollection).countDocuments({})) > 0) return null;
  return seedDemo(store, options);
}

/** Empties everything but the instrument catalogue (whose versions campaigns rely on). */
export async function clearDemo(store: Store): Promise<void> {
  const schoolIds = (await store.collection(schoolsCollection).find({})).map((s) => s._id);
  await store.collection(responsesCollection).deleteMany({});
  await store.collection(schoolYearFormsCollection).deleteMany({});
  await store.collection(schoolFormRevisionsCollection).deleteMany({});
  await store.collection(schoolFormDraftsCollection).deleteMany({});
  await store.collection(schoolFormReopeningsCollection).deleteMany({});
  await rebuildRollups(store);
  await store.collection(diagnosticsCollection).deleteMany({});
  await store.collection(linksCollection).deleteMany({});
  await store.collection(auditCollection).deleteMany({});
  await store.collection(jobsCollection).deleteMany({ kind: { $in: [closeJob, reminderJob] } });
  await store.collection(campaignsCollection).deleteMany({});
  // The schools' own people (the demo's teachers) go with their schools.
  if (schoolIds.length) await store.collection(usersCollection).deleteMany({ schoolId: { $in: schoolIds } });
  await store.collection(schoolsCollection).deleteMany({});
  await clearDemoAccounts(store);
}
