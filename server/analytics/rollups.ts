// Keeping the rollups: each stored response adds its counts with $inc (one bulk update per
// collection, upserting), so several app instances agree without holding anything in memory;
// rebuildRollups recomputes them from the responses (after a change of rules, or a repair).
import { responsesCollection, type StoredResponse } from '../responses/data';
import { DuplicateKeyError, type BulkUpdate, type Store } from '../store';
import { getInstrument } from '../surveys/catalogue';
import type { CompiledInstrument } from '../surveys/definition';
import { addAreaTallies, emptyAreaTally, type AreaTally } from './deficits';
import { emptyTally, type AnswerTally } from './indicators';
import { answerRollupsCollection, areaRollupsCollection, schoolFormRollupsCollection, type AnswerRollup, type AreaRollup, type SchoolFormRollup } from './data';

/** The question whose answer splits an anonymous survey's results by role (administration / teachers). */
export const roleQuestion = 'role';

/** Indicator kinds counted from answers (the others read school forms or area scores). */
const answerKinds = new Set(['share-positive', 'mean', 'count']);

const key = (...parts: (string | null)[]) => JSON.stringify(parts);

/** The questions whose answers a campaign's rollups count: those its answer-based indicators read. */
export function countedQuestions(compiled: CompiledInstrument): string[] {
  const names = new Set<string>();
  for (const indicator of compiled.instrument.indicators) if (answerKinds.has(indicator.kind)) for (const q of indicator.questions) names.add(q);
  return [...names];
}

export function isSchoolForm(compiled: CompiledInstrument): boolean {
  return compiled.instrument.respondentType === 'school';
}

export function roleOf(response: Pick<StoredResponse, 'answers'>): string {
  const role = response.answers[roleQuestion];
  return typeof role === 'string' ? role : '';
}

/** What one response adds: answer counts (by key), area tallies (by area), and its school form. */
export interface ResponseContribution {
  answers: { doc: Omit<AnswerRollup, 'count'>; count: number }[];
  areas: { doc: Pick<AreaRollup, '_id' | 'campaignId' | 'schoolId' | 'area'>; tally: AreaTally }[];
  form?: SchoolFormRollup;
}

/** Pure: the counts one stored response adds to its campaign's rollups. */
export function contributionOf(compiled: CompiledInstrument, response: StoredResponse): ResponseContribution {
  const { campaignId, schoolId } = response;
  if (isSchoolForm(compiled)) {
    return { answers: [], areas: [], form: { _id: key(campaignId, schoolId), campaignId, schoolId, responseId: response._id, day: response.day, answers: response.answers } };
  }
  const role = roleOf(response);
  const answer = (question: string, value: string | null) => ({ doc: { _id: key(campaignId, schoolId, role, question, value), campaignId, schoolId, role, question, answer: value }, count: 1 });
  const answers = [answer('', null)];
  for (const question of countedQuestions(compiled)) {
    const given = response.answers[question];
    if (given === undefined || given === null) continue;
    const values = Array.isArray(given) ? given : [given];
    const counted = values.filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
    if (counted.length === 0) continue;
    answers.push(answer(question, null));
    for (const v of new Set(counted.map(String))) answers.push(answer(question, v));
  }
  const areas: ResponseContribution['areas'] = [];
  const scoring = compiled.instrument.scoring;
  if (scoring && response.scores) {
    for (const area of scoring.areas) {
      const score = response.scores.areas[area.id];
      const tally = emptyAreaTally();
      if (score && score.score !== null && score.level !== null) {
        tally.scored = 1;
        tally.levels[score.level] = 1;
      }
      // Alpha over complete rows only (every item of the area answered), as cronbachAlpha takes them.
      const ranges = compiled.scoringItems?.get(area.id) ?? [];
      const points = ranges.map((r) => {
        const v = response.answers[r.question];
        const raw = r.points ? r.points[String(v)] : typeof v === 'number' ? v : undefined;
        return raw === undefined ? undefined : raw - r.min;
      });
      if (ranges.length > 0 && points.every((p) => p !== undefined)) {
        const total = (points as number[]).reduce((a, b) => a + b, 0);
        tally.alpha = { n: 1, items: Object.fromEntries(ranges.map((r, i) => [r.question, { sum: points[i]!, squares: points[i]! ** 2 }])), totalSum: total, totalSquares: total ** 2 };
      }
      if (tally.scored === 0 && tally.alpha.n === 0) continue;
      areas.push({ doc: { _id: key(campaignId, schoolId, area.id), campaignId, schoolId, area: area.id }, tally });
    }
  }
  return { answers, areas };
}

function areaIncrements(tally: AreaTally): Record<string, number> {
  const inc: Record<string, number> = { scored: tally.scored, 'alpha.n': tally.alpha.n, 'alpha.totalSum': tally.alpha.totalSum, 'alpha.totalSquares': tally.alpha.totalSquares };
  for (const [level, c] of Object.entries(tally.levels)) inc[`levels.${level}`] = c;
  for (const [q, s] of Object.entries(tally.alpha.items)) {
    inc[`alpha.items.${q}.sum`] = s.sum;
    inc[`alpha.items.${q}.squares`] = s.squares;
  }
  return inc;
}

/**
 * Adds one stored response to its campaign's rollups. Call it after the response is stored.
 * A school's form replaces the stored one unless that one is from a later day.
 */
export async function recordResponse(store: Store, response: StoredResponse): Promise<void> {
  const compiled = await getInstrument(store, response.instrumentId, response.instrumentVersion);
  const contribution = contributionOf(compiled, response);
  if (contribution.answers.length) {
    const ops: BulkUpdate[] = contribution.answers.map(({ doc: { _id, ...fields }, count }) => ({ filter: { _id }, update: { $inc: { count }, $setOnInsert: fields }, upsert: true }));
    await store.collection(answerRollupsCollection).bulkUpdate(ops);
  }
  if (contribution.areas.length) {
    const ops: BulkUpdate[] = contribution.areas.map(({ doc: { _id, ...fields }, tally }) => ({ filter: { _id }, update: { $inc: areaIncrements(tally), $setOnInsert: fields }, upsert: true }));
    await store.collection(areaRollupsCollection).bulkUpdate(ops);
  }
  if (contribution.form) await recordSchoolForm(store, contribution.form);
}

async function recordSchoolForm(store: Store, form: SchoolFormRollup): Promise<void> {
  const { _id, ...fields } = form;
  try {
    // Matches only a stored form from the same or an earlier day; otherwise the upsert meets the
    // later form's _id and the older response is ignored.
    await store.collection(schoolFormRollupsCollection).updateOne({ _id, day: { $lte: form.day } }, { $set: fields }, { upsert: true });
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
  }
}

/** A campaign's rollups read back as tallies: per school × role, per area × school, and the schools' latest forms. */
export interface CampaignTallies {
  groups: Map<string, { schoolId: string; role: string; respondents: number; questions: Record<string, AnswerTally> }>;
  areas: Map<string, Map<string, AreaTally>>;
  forms: Map<string, SchoolFormRollup>;
}

export async function readCampaignTallies(store: Store, campaignId: string): Promise<CampaignTallies> {
  const [answers, areas, forms] = await Promise.all([
    store.collection(answerRollupsCollection).find({ campaignId }),
    store.collection(areaRollupsCollection).find({ campaignId }),
    store.collection(schoolFormRollupsCollection).find({ campaignId }),
  ]);
  const tallies: CampaignTallies = { groups: new Map(), areas: new Map(), forms: new Map() };
  for (const r of answers) {
    const groupKey = key(r.schoolId, r.role);
    let group = tallies.groups.get(groupKey);
    if (!group) tallies.groups.set(groupKey, (group = { schoolId: r.schoolId, role: r.role, respondents: 0, questions: {} }));
    if (r.question === '') {
      group.respondents += r.count;
      continue;
    }
    const tally = (group.questions[r.question] ??= emptyTally());
    if (r.answer === null) tally.answered += r.count;
    else tally.byAnswer[r.answer] = (tally.byAnswer[r.answer] ?? 0) + r.count;
  }
  for (const r of areas) {
    let bySchool = tallies.areas.get(r.area);
    if (!bySchool) tallies.areas.set(r.area, (bySchool = new Map()));
    bySchool.set(r.schoolId, { scored: r.scored ?? 0, levels: r.levels ?? {}, alpha: { ...emptyAreaTally().alpha, ...r.alpha } });
  }
  for (const f of forms) tallies.forms.set(f.schoolId, f);
  return tallies;
}

/**
 * Recomputes rollups from the stored responses: of one campaign, or of all. Responses are taken
 * in order of their day, so a school's latest form wins (within one day the store's order decides:
 * responses keep no time of day). Submissions arriving during a rebuild may be missed: run it with
 * submissions stopped (npm run rollups:rebuild) or rebuild the campaign again afterwards.
 */
export async function rebuildRollups(store: Store, campaignId?: string): Promise<{ responses: number }> {
  const filter = campaignId ? { campaignId } : {};
  const answerDocs = new Map<string, AnswerRollup>();
  const areaDocs = new Map<string, AreaRollup>();
  const formDocs = new Map<string, SchoolFormRollup>();
  let responses = 0;
  for await (const response of store.collection(responsesCollection).stream(filter, { sort: { day: 1 } })) {
    responses++;
    const compiled = await getInstrument(store, response.instrumentId, response.instrumentVersion);
    const c = contributionOf(compiled, response);
    for (const { doc, count } of c.answers) {
      const into = answerDocs.get(doc._id);
      if (into) into.count += count;
      else answerDocs.set(doc._id, { ...doc, count });
    }
    for (const { doc, tally } of c.areas) {
      areaDocs.set(doc._id, { ...doc, ...addAreaTallies([areaDocs.get(doc._id), tally]) });
    }
    if (c.form) {
      const stored = formDocs.get(c.form._id);
      if (!stored || stored.day <= c.form.day) formDocs.set(c.form._id, c.form);
    }
  }
  const collections = [store.collection(answerRollupsCollection), store.collection(areaRollupsCollection), store.collection(schoolFormRollupsCollection)] as const;
  for (const collection of collections) await collection.deleteMany(filter);
  await insertInBatches(collections[0], [...answerDocs.values()]);
  await insertInBatches(collections[1], [...areaDocs.values()]);
  await insertInBatches(collections[2], [...formDocs.values()]);
  return { responses };
}

async function insertInBatches<T>(collection: { insertMany(docs: T[]): Promise<unknown> }, docs: T[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 1000) await collection.insertMany(docs.slice(i, i + 1000));
}
