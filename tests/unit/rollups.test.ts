// Rollups on the real embedded store: after many random submissions, what recordResponse kept
// equals a recomputation from the responses (counted here independently, and by rebuildRollups).
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { alphaFromSums, addAreaTallies } from '../../server/analytics/deficits';
import {
  countedQuestions,
  readCampaignTallies,
  rebuildRollups,
  recordResponse,
  roleOf,
  type CampaignTallies,
} from '../../server/analytics/rollups';
import { fromRollupKey, rollupKey } from '../../server/analytics/data';
import { allCollections } from '../../server/collections';
import { responsesCollection, type StoredResponse } from '../../server/responses/data';
import { newId, openStore, type Store } from '../../server/store';
import { getInstrument, registerBuiltinInstruments } from '../../server/surveys/catalogue';
import { readInstrumentFiles } from '../../server/surveys/files';
import { cronbachAlpha, scoreAnswers } from '../../server/surveys/scoring';
import { seededRandom, syntheticAnswers } from '../../seeds/synthetic';
import { tempDir } from '../support/temp-dir';

const builtins = readInstrumentFiles(path.join(__dirname, '../../surveys'));
let store: Store;
let dir: string;

beforeAll(async () => {
  dir = tempDir('mera-rollups-');
  store = await openStore({ engine: 'embedded' }, dir, allCollections);
  await registerBuiltinInstruments(store, builtins);
});

afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const day = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

async function makeResponse(
  instrumentId: string,
  campaignId: string,
  schoolId: string,
  seed: number,
  dayIndex: number,
): Promise<StoredResponse> {
  const compiled = await getInstrument(store, instrumentId);
  const random = seededRandom(seed);
  const answers = syntheticAnswers(compiled.questions, random, random());
  const { scoring } = compiled.instrument;
  return {
    _id: newId(),
    campaignId,
    schoolId,
    instrumentId,
    instrumentVersion: compiled.instrument.version,
    respondentType: compiled.instrument.respondentType,
    day: day(dayIndex),
    answers,
    ...(scoring && compiled.scoringItems ? { scores: scoreAnswers(scoring, compiled.scoringItems, answers) } : {}),
  };
}

async function submit(response: StoredResponse) {
  await store.collection(responsesCollection).insertOne(response);
  await recordResponse(store, response);
}

/** Tallies as plain sorted data, to compare two readings. */
function plain(t: CampaignTallies) {
  const sortKeys = (o: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k] && typeof o[k] === 'object' && !Array.isArray(o[k]) ? sortKeys(o[k] as Record<string, unknown>) : o[k]]),
    );
  return {
    groups: [...t.groups.values()].map((g) => sortKeys(g as never)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    areas: [...t.areas.entries()]
      .sort()
      .map(([area, bySchool]) => [area, [...bySchool.entries()].sort().map(([s, tally]) => [s, sortKeys(tally as never)])]),
    forms: [...t.forms.entries()].sort().map(([s, f]) => [s, f.responseId, f.day]),
  };
}

const instruments = ['staff-effectiveness', 'parent-survey', 'teacher-deficit', 'school-checklist'];
const schools = ['s1', 's2', 's3'];

describe('rollups kept as responses arrive', () => {
  it('after many random submissions, the rollups equal a recomputation from the responses, and a rebuild gives the same', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...instruments),
        fc.array(fc.record({ school: fc.constantFrom(...schools), seed: fc.nat() }), { minLength: 1, maxLength: 40 }),
        async (instrumentId, submissions) => {
          const campaignId = newId();
          const responses: StoredResponse[] = [];
          // Submissions arrive in order of their day (one a day, so a school's latest form is unambiguous).
          for (const [i, s] of submissions.entries()) {
            const response = await makeResponse(instrumentId, campaignId, s.school, s.seed, i);
            responses.push(response);
            await submit(response);
          }
          const kept = await readCampaignTallies(store, campaignId);
          const compiled = await getInstrument(store, instrumentId);

          // Recomputed here, straight from the responses.
          if (compiled.instrument.respondentType === 'school') {
            for (const school of schools) {
              const latest = responses.filter((r) => r.schoolId === school).at(-1);
              expect(kept.forms.get(school)?.responseId).toBe(latest?._id);
            }
          } else {
            const questions = countedQuestions(compiled);
            for (const school of schools) {
              for (const role of new Set(responses.map(roleOf))) {
                const mine = responses.filter((r) => r.schoolId === school && roleOf(r) === role);
                const group = [...kept.groups.values()].find((g) => g.schoolId === school && g.role === role);
                expect(group?.respondents ?? 0).toBe(mine.length);
                for (const q of questions) {
                  const given = mine.map((r) => r.answers[q]).filter((a) => a !== undefined);
                  expect(group?.questions[q]?.answered ?? 0).toBe(given.length);
                  const counts: Record<string, number> = {};
                  for (const a of given.flatMap((a) => (Array.isArray(a) ? a : [a]))) counts[String(a)] = (counts[String(a)] ?? 0) + 1;
                  expect(group?.questions[q]?.byAnswer ?? {}).toEqual(counts);
                }
              }
            }
            const scoring = compiled.instrument.scoring;
            for (const area of scoring?.areas ?? []) {
              for (const school of schools) {
                const levels: Record<string, number> = {};
                for (const r of responses.filter((r) => r.schoolId === school)) {
                  const level = r.scores?.areas[area.id]?.level;
                  if (level) levels[level] = (levels[level] ?? 0) + 1;
                }
                expect(kept.areas.get(area.id)?.get(school)?.levels ?? {}).toEqual(levels);
                // Points of the scored teachers add up exactly.
                const scored = responses
                  .filter((r) => r.schoolId === school && r.scores?.areas[area.id]?.score != null)
                  .map((r) => r.scores!.areas[area.id]);
                const kept1 = kept.areas.get(area.id)?.get(school);
                expect([kept1?.earned ?? 0, kept1?.possible ?? 0]).toEqual([
                  scored.reduce((a, x) => a + x.earned!, 0),
                  scored.reduce((a, x) => a + x.possible!, 0),
                ]);
              }
              // Cronbach's alpha from the kept sums equals cronbachAlpha over the complete rows.
              const ranges = compiled.scoringItems!.get(area.id)!;
              const rows = responses
                .map((r) =>
                  ranges.map((x) => {
                    const v = r.answers[x.question];
                    const raw = x.notScored?.includes(String(v)) ? undefined : x.points ? x.points[String(v)] : (v as number | undefined);
                    return raw === undefined ? undefined : raw - x.min;
                  }),
                )
                .filter((row): row is number[] => row.every((p) => p !== undefined));
              const pooled = addAreaTallies([...(kept.areas.get(area.id)?.values() ?? [])]);
              const expected = cronbachAlpha(rows);
              const actual = alphaFromSums(pooled.alpha, ranges.length);
              if (expected === null) expect(actual).toBeNull();
              else expect(actual).toBeCloseTo(expected, 8);
            }
          }

          await rebuildRollups(store, campaignId);
          expect(plain(await readCampaignTallies(store, campaignId))).toEqual(plain(kept));
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);

  it('when many responses are recorded at once (one write round for all), every one is counted', async () => {
    const campaignId = newId();
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => makeResponse('staff-effectiveness', campaignId, schools[i % 3], 500 + i, 0)),
    );
    await store.collection(responsesCollection).insertMany(responses);
    await Promise.all(responses.map((r) => recordResponse(store, r)));
    const kept = await readCampaignTallies(store, campaignId);
    expect([...kept.groups.values()].reduce((n, g) => n + g.respondents, 0)).toBe(60);
    const satisfied = responses.filter((r) => r.answers.sat_overall === 5).length;
    expect([...kept.groups.values()].reduce((n, g) => n + (g.questions.sat_overall?.byAnswer['5'] ?? 0), 0)).toBe(satisfied);
    await rebuildRollups(store, campaignId);
    expect(plain(await readCampaignTallies(store, campaignId))).toEqual(plain(kept));
  });

  it('when an older school form is recorded after a later one, the later one still counts', async () => {
    const campaignId = newId();
    const later = await makeResponse('school-checklist', campaignId, 's1', 1, 5);
    const earlier = await makeResponse('school-checklist', campaignId, 's1', 2, 3);
    await submit(later);
    await submit(earlier);
    expect((await readCampaignTallies(store, campaignId)).forms.get('s1')?.responseId).toBe(later._id);
    const same = await makeResponse('school-checklist', campaignId, 's1', 3, 5);
    await submit(same);
    expect((await readCampaignTallies(store, campaignId)).forms.get('s1')?.responseId).toBe(same._id);
  });

  it('rebuilding one campaign leaves the other campaigns\u2019 rollups as they were', async () => {
    const a = newId();
    const b = newId();
    for (let i = 0; i < 6; i++) {
      await submit(await makeResponse('staff-effectiveness', a, 's1', 100 + i, i));
      await submit(await makeResponse('staff-effectiveness', b, 's2', 200 + i, i));
    }
    const before = plain(await readCampaignTallies(store, b));
    await rebuildRollups(store, a);
    expect(plain(await readCampaignTallies(store, b))).toEqual(before);
    expect([...(await readCampaignTallies(store, a)).groups.values()].reduce((n, g) => n + g.respondents, 0)).toBe(6);
  });
});

describe('rollup field names', () => {
  it('any question name or answer becomes a field name without "." or a leading "$", and reads back unchanged', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const field = rollupKey(name);
        expect(field.includes('.') || field.startsWith('$')).toBe(false);
        expect(fromRollupKey(field)).toBe(name);
      }),
    );
    expect(rollupKey('4.5')).toBe('4%2E5');
  });
});
