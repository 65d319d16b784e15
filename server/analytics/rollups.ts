// Keeping the rollups: each stored response adds its counts with one $inc on its school × role
// document (through the port's bulk update, upserting), so several app instances agree: nothing is
// kept in memory beyond one write round. rebuildRollups recomputes them from the responses.
import type { StoredResponse } from '../responses/data';
import { onResponseKept, onResponsesReplaced } from '../responses/hooks';
import { streamResponses } from '../responses/read';
import { publishedGroups } from '../disclosure';
import { DuplicateKeyError, type Store } from '../store';
import { givenAnswers, storedAnswers } from '../surveys/answer-keys';
import { getInstrument } from '../surveys/catalogue';
import type { CompiledInstrument } from '../surveys/definition';
import { itemPoints } from '../surveys/scoring';
import { addAreaTallies, type AreaTally } from './deficits';
import type { AnswerTally } from './indicators';
import {
  fromRollupKey,
  groupRollupsCollection,
  rollupKey,
  schoolFormRollupsCollection,
  type GroupRollup,
  type SchoolFormRollup,
} from './data';

/** The question whose answer splits an anonymous survey's results by role (administration / teachers). */
export const roleQuestion = 'role';

/** Indicator kinds counted from answers (the others read school forms or area scores). */
const answerKinds = new Set(['share-positive', 'mean', 'count']);

const key = (...parts: (string | null)[]) => JSON.stringify(parts);

/** The id of a campaign's school × role group (its rollup and its published counts). */
export const groupId = (campaignId: string, schoolId: string, role: string) => key(campaignId, schoolId, role);

/** The questions whose answers a campaign's rollups count: those its answer-based indicators read. */
export function countedQuestions(compiled: CompiledInstrument): string[] {
  return countedPaths(compiled).map((c) => c.question);
}

interface CountedPath {
  question: string;
  /** `questions.<escaped name>`: where its counts live in the group document. */
  path: string;
}

/** Worked out once per compiled instrument (immutable), not on every response. */
const countedPathsCache = new WeakMap<CompiledInstrument, CountedPath[]>();

function countedPaths(compiled: CompiledInstrument): CountedPath[] {
  let paths = countedPathsCache.get(compiled);
  if (!paths) {
    const names = new Set<string>();
    for (const indicator of compiled.instrument.indicators)
      if (answerKinds.has(indicator.kind)) for (const q of indicator.questions) names.add(q);
    paths = [...names].map((question) => ({ question, path: `questions.${rollupKey(question)}` }));
    countedPathsCache.set(compiled, paths);
  }
  return paths;
}

function isSchoolForm(compiled: CompiledInstrument): boolean {
  return compiled.instrument.respondentType === 'school';
}

export function roleOf(response: Pick<StoredResponse, 'answers'>): string {
  const role = response.answers[roleQuestion];
  return typeof role === 'string' ? role : '';
}

/** What one response adds: increments to its group's document (by dotted path), or its school form. */
export interface ResponseContribution {
  group?: { doc: Pick<GroupRollup, '_id' | 'campaignId' | 'schoolId' | 'role'>; inc: Record<string, number> };
  form?: SchoolFormRollup;
}

/** Pure: the counts one stored response adds to its campaign's rollups. */
function contributionOf(compiled: CompiledInstrument, response: StoredResponse): ResponseContribution {
  const { campaignId, schoolId } = response;
  if (isSchoolForm(compiled)) {
    return {
      form: {
        _id: key(campaignId, schoolId),
        campaignId,
        schoolId,
        responseId: response._id,
        day: response.day,
        answers: response.answers,
      },
    };
  }
  const role = roleOf(response);
  const inc: Record<string, number> = { respondents: 1 };
  for (const { question, path: q } of countedPaths(compiled)) {
    const given = response.answers[question];
    if (given === undefined || given === null) continue;
    const values = Array.isArray(given) ? given : [given];
    const counted = values.filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
    if (counted.length === 0) continue;
    inc[`${q}.answered`] = 1;
    for (const v of new Set(counted.map(String))) inc[`${q}.byAnswer.${rollupKey(v)}`] = 1;
  }
  const scoring = compiled.instrument.scoring;
  if (scoring && response.scores) {
    for (const area of scoring.areas) {
      const a = `areas.${rollupKey(area.id)}`;
      const score = response.scores.areas[area.id];
      if (score && score.score !== null && score.level !== null) {
        inc[`${a}.scored`] = 1;
        inc[`${a}.levels.${rollupKey(score.level)}`] = 1;
        // Points pool exactly across teachers; scores kept before edition 2 carry none.
        if (score.earned !== undefined && score.possible !== undefined) {
          inc[`${a}.earned`] = score.earned;
          inc[`${a}.possible`] = score.possible;
          inc[`${a}.pooled`] = 1;
        }
      }
      // Alpha over complete rows only (every item of the area answered), as cronbachAlpha takes them.
      const ranges = compiled.scoringItems?.get(area.id) ?? [];
      // An answer left out of scoring (not part of my job) or a skip makes the row incomplete.
      const points = ranges.map((r) => {
        const counted = itemPoints(r, response.answers[r.question]);
        return counted?.answered ? counted.earned : undefined;
      });
      if (ranges.length > 0 && points.every((p) => p !== undefined)) {
        const total = (points as number[]).reduce((x, y) => x + y, 0);
        inc[`${a}.alpha.n`] = 1;
        inc[`${a}.alpha.totalSum`] = total;
        inc[`${a}.alpha.totalSquares`] = total ** 2;
        ranges.forEach((r, i) => {
          inc[`${a}.alpha.items.${rollupKey(r.question)}.sum`] = points[i]!;
          inc[`${a}.alpha.items.${rollupKey(r.question)}.squares`] = points[i]! ** 2;
        });
      }
    }
  }
  return { group: { doc: { _id: key(campaignId, schoolId, role), campaignId, schoolId, role }, inc } };
}

/**
 * Adds one stored response to its campaign's rollups: one $inc, upserting, on its school × role
 * document. Call it after the response is stored. A school's form replaces the stored one unless
 * that one is from a later day.
 */
export async function recordResponse(store: Store, response: StoredResponse): Promise<void> {
  const compiled = await getInstrument(store, response.instrumentId, response.instrumentVersion);
  const { group, form } = contributionOf(compiled, response);
  if (group) await addToGroups(store, group);
  if (form) await recordSchoolForm(store, form);
}

/** Keeps the rollups up to date: each response the responses component keeps is recorded here (start-up subscribes). */
export function keepRollupsUpToDate(): void {
  onResponseKept({ name: 'The analytics rollups', recovery: 'run "npm run rollups:rebuild"', listener: recordResponse });
  // A corrected diagnostic replaces a counted response: the campaign is recounted.
  onResponsesReplaced({
    name: 'The analytics rollups',
    recovery: 'run "npm run rollups:rebuild"',
    listener: async (store, campaignId) => {
      await rebuildRollups(store, campaignId);
    },
  });
}

/**
 * Group commit: responses recorded while a bulk update is under way wait and go together in the
 * next one, their increments to the same document summed, so under load the rollups cost one
 * write per busy document per round, not one per response. Each caller is answered once the
 * update holding its increments is done; nothing waits in memory longer than one round.
 */
interface PendingRound {
  updates: Map<string, { fields: Pick<GroupRollup, 'campaignId' | 'schoolId' | 'role'>; inc: Record<string, number> }>;
  waiting: { resolve: () => void; reject: (err: unknown) => void }[];
}

const rounds = new WeakMap<Store, { next?: PendingRound; writing: boolean }>();

function addToGroups(store: Store, group: NonNullable<ResponseContribution['group']>): Promise<void> {
  let state = rounds.get(store);
  if (!state) rounds.set(store, (state = { writing: false }));
  const round: PendingRound = (state.next ??= { updates: new Map(), waiting: [] });
  const { _id, ...fields } = group.doc;
  const update = round.updates.get(_id);
  if (!update) round.updates.set(_id, { fields, inc: { ...group.inc } });
  else for (const [path, value] of Object.entries(group.inc)) update.inc[path] = (update.inc[path] ?? 0) + value;
  const done = new Promise<void>((resolve, reject) => round.waiting.push({ resolve, reject }));
  if (!state.writing) void writeRounds(store, state);
  return done;
}

async function writeRounds(store: Store, state: { next?: PendingRound; writing: boolean }): Promise<void> {
  state.writing = true;
  try {
    while (state.next) {
      // The responses of one insert batch are answered one after another in the same turn: let
      // them all join before the round closes, so a batch costs one rollup write, not two.
      await new Promise((resolve) => setImmediate(resolve));
      const round = state.next!;
      state.next = undefined;
      try {
        await store.collection(groupRollupsCollection).bulkUpdate(
          [...round.updates].map(([_id, { fields, inc }]) => ({
            filter: { _id },
            update: { $inc: inc, $setOnInsert: fields },
            upsert: true,
          })),
        );
        for (const w of round.waiting) w.resolve();
      } catch (err) {
        for (const w of round.waiting) w.reject(err);
      }
    }
  } finally {
    state.writing = false;
  }
}

async function recordSchoolForm(store: Store, form: SchoolFormRollup): Promise<void> {
  const { _id, ...fields } = form;
  try {
    // Matches only a stored form from the same or an earlier day; otherwise the upsert meets the
    // later form's _id and the older response is ignored.
    await store
      .collection(schoolFormRollupsCollection)
      .updateOne({ _id, day: { $lte: form.day } }, { $set: { ...fields, answers: storedAnswers(fields.answers) } }, { upsert: true });
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
  }
}

/**
 * A campaign's rollups read back as tallies: per school × role, per area × school, and the schools'
 * latest forms. With `published`, the groups and areas are the published counts (disclosure
 * control: they change only in steps of the minimum group) and `live` the respondents as they are.
 */
export interface CampaignTallies {
  groups: Map<string, { schoolId: string; role: string; respondents: number; questions: Record<string, AnswerTally> }>;
  areas: Map<string, Map<string, AreaTally>>;
  forms: Map<string, SchoolFormRollup>;
  /** Respondents per school × role as they are now (counts stay live). */
  live: Map<string, { schoolId: string; role: string; respondents: number }>;
}

export async function readCampaignTallies(
  store: Store,
  campaignId: string,
  options: { published?: number } = {},
): Promise<CampaignTallies> {
  const [liveGroups, forms] = await Promise.all([
    store.collection(groupRollupsCollection).find({ campaignId }),
    store.collection(schoolFormRollupsCollection).find({ campaignId }),
  ]);
  const groups = options.published === undefined ? liveGroups : await publishedGroups(store, campaignId, liveGroups, options.published);
  const live = new Map(
    liveGroups.map((r) => [key(r.schoolId, r.role), { schoolId: r.schoolId, role: r.role, respondents: r.respondents ?? 0 }]),
  );
  const tallies: CampaignTallies = { groups: new Map(), areas: new Map(), forms: new Map(), live };
  for (const r of groups) {
    const questions: Record<string, AnswerTally> = {};
    for (const [q, t] of Object.entries(r.questions ?? {})) {
      questions[fromRollupKey(q)] = {
        answered: t.answered ?? 0,
        byAnswer: Object.fromEntries(Object.entries(t.byAnswer ?? {}).map(([a, c]) => [fromRollupKey(a), c])),
      };
    }
    tallies.groups.set(key(r.schoolId, r.role), { schoolId: r.schoolId, role: r.role, respondents: r.respondents ?? 0, questions });
    for (const [areaKey, t] of Object.entries(r.areas ?? {})) {
      const area = fromRollupKey(areaKey);
      let bySchool = tallies.areas.get(area);
      if (!bySchool) tallies.areas.set(area, (bySchool = new Map()));
      const alpha = t.alpha ?? {};
      const tally: AreaTally = {
        scored: t.scored ?? 0,
        levels: Object.fromEntries(Object.entries(t.levels ?? {}).map(([l, c]) => [fromRollupKey(l), c])),
        earned: t.earned ?? 0,
        possible: t.possible ?? 0,
        pooled: t.pooled ?? 0,
        alpha: {
          n: alpha.n ?? 0,
          totalSum: alpha.totalSum ?? 0,
          totalSquares: alpha.totalSquares ?? 0,
          items: Object.fromEntries(
            Object.entries(alpha.items ?? {}).map(([q, x]) => [fromRollupKey(q), { sum: x.sum ?? 0, squares: x.squares ?? 0 }]),
          ),
        },
      };
      // Roles of one school add up.
      bySchool.set(r.schoolId, addAreaTallies([bySchool.get(r.schoolId), tally]));
    }
  }
  for (const f of forms) tallies.forms.set(f.schoolId, { ...f, answers: givenAnswers(f.answers) });
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
  const groupDocs = new Map<string, Record<string, unknown>>();
  const formDocs = new Map<string, SchoolFormRollup>();
  let responses = 0;
  for await (const response of streamResponses(store, filter, { inDayOrder: true })) {
    responses++;
    const compiled = await getInstrument(store, response.instrumentId, response.instrumentVersion);
    const { group, form } = contributionOf(compiled, response);
    if (group) {
      let doc = groupDocs.get(group.doc._id);
      if (!doc) groupDocs.set(group.doc._id, (doc = { ...group.doc, respondents: 0, questions: {}, areas: {} }));
      addAtPaths(doc, group.inc);
    }
    if (form) {
      const stored = formDocs.get(form._id);
      if (!stored || stored.day <= form.day) formDocs.set(form._id, form);
    }
  }
  const groups = store.collection(groupRollupsCollection);
  const forms = store.collection(schoolFormRollupsCollection);
  await groups.deleteMany(filter);
  await forms.deleteMany(filter);
  const docs = [...groupDocs.values()] as unknown as GroupRollup[];
  for (let i = 0; i < docs.length; i += 1000) await groups.insertMany(docs.slice(i, i + 1000));
  const formList = [...formDocs.values()];
  for (let i = 0; i < formList.length; i += 1000)
    await forms.insertMany(formList.slice(i, i + 1000).map((f) => ({ ...f, answers: storedAnswers(f.answers) })));
  return { responses };
}

/** $inc in memory: adds each value at its dotted path, creating the objects on the way. */
function addAtPaths(doc: Record<string, unknown>, inc: Record<string, number>): void {
  for (const [path, value] of Object.entries(inc)) {
    const parts = path.split('.');
    let at = doc;
    for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    const last = parts[parts.length - 1];
    at[last] = ((at[last] as number | undefined) ?? 0) + value;
  }
}
