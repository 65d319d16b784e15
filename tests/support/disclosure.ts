// Test support for disclosure control: campaigns where one school has one answer fewer than the
// minimum group, its answers recognisable (the lowest ratings, where every other school gives the
// highest), so a test can look for them in every output.
import request from 'supertest';
import { rebuildRollups } from '../../server/analytics/rollups';
import { responsesCollection } from '../../server/responses/data';
import { submitMyDiagnostic } from '../../server/diagnostics/service';
import { makeUser } from './accounts';
import { teacherAnswers, teacherKnowledge, validParentAnswers } from './answers';
import { answerThroughLink, campaignWithLinks } from './results';
import type { TestMera } from './mera';

/** A parent answer: every rating at `rating`, so a school's share of 4–5 is 0 or 100. */
export const parentRated = (rating: number) => ({
  ...validParentAnswers(),
  ediary_useful: rating,
  sat_results_timely: rating,
  sat_results_clear: rating,
  sat_objectivity: rating,
  sat_overall: rating,
});

export interface SmallGroupCampaign {
  id: string;
  /** The school with minGroup − 1 answers (all rated 1). */
  small: string;
  /** Parents: a school of 6 where only 4 answered the overall satisfaction (withheld on it), and the school withheld beside it. */
  fewOnOne?: { school: string; complement: string };
  /** The schools with enough answers (all rated 5): their counts. */
  large: Map<string, number>;
  tokens: Map<string, string>;
}

/**
 * A parent survey: `small` with four answers rated 1, b with six and c with eight rated 5, and d with
 * six rated 5 of whom two left the overall satisfaction unanswered (stored as an older edition's
 * optional answer would be): d is withheld on that indicator, and b (the smallest other) beside it.
 */
export async function parentsWithSmallSchool(mera: TestMera, schoolIds: string[]): Promise<SmallGroupCampaign> {
  const [small, b, c, d] = schoolIds;
  const { id, tokens } = await campaignWithLinks(mera, 'parent-survey', [small, b, c, d]);
  for (let i = 0; i < 4; i++) await answerThroughLink(mera, tokens.get(small)!, parentRated(1));
  for (let i = 0; i < 6; i++) await answerThroughLink(mera, tokens.get(b)!, parentRated(5));
  for (let i = 0; i < 8; i++) await answerThroughLink(mera, tokens.get(c)!, parentRated(5));
  for (let i = 0; i < 4; i++) await answerThroughLink(mera, tokens.get(d)!, parentRated(5));
  const stored = (await mera.store.collection(responsesCollection).findOne({ campaignId: id, schoolId: d }))!;
  const { sat_overall: _skipped, ...answers } = stored.answers;
  const { _id: _id, ...rest } = stored;
  for (let i = 0; i < 2; i++) await mera.store.collection(responsesCollection).insertOne({ ...rest, answers });
  await rebuildRollups(mera.store, id);
  return {
    id,
    small,
    large: new Map([
      [b, 6],
      [c, 8],
      [d, 6],
    ]),
    tokens,
    fewOnOne: { school: d, complement: b },
  };
}

/** A teacher diagnostic: `small` with four teachers in deficit everywhere, the other with six who can teach others. */
export async function teachersWithSmallSchool(mera: TestMera, schoolIds: string[]): Promise<SmallGroupCampaign> {
  const [small, b] = schoolIds;
  const { id, tokens } = await campaignWithLinks(mera, 'teacher-deficit', [small, b]);
  for (let i = 0; i < 4; i++) await answerThroughLink(mera, tokens.get(small)!, teacherAnswers(1, teacherKnowledge(false)));
  for (let i = 0; i < 6; i++) await answerThroughLink(mera, tokens.get(b)!, teacherAnswers(4, teacherKnowledge(true)));
  return { id, small, large: new Map([[b, 6]]), tokens };
}

/**
 * The teacher diagnostic's change September → April over the teachers who took both (signed in):
 * `small` with four such teachers, in deficit both times, the other with six who went from deficit
 * to teaching others. Its days lie far ahead, so no other campaign of the file takes these for its
 * previous diagnostic. The April campaign's id is `id`.
 */
export async function teachersChangeWithSmallSchool(mera: TestMera, schoolIds: string[]): Promise<SmallGroupCampaign> {
  const [small, b] = schoolIds;
  const september = await campaignWithLinks(mera, 'teacher-deficit', [small, b], { opensOn: '2098-09-15' });
  const april = await campaignWithLinks(mera, 'teacher-deficit', [small, b], { opensOn: '2099-04-06' });
  for (let i = 0; i < 10; i++) {
    const schoolId = i < 4 ? small : b;
    const user = await makeUser(mera.store, `change.${i}@disclosure.test`, 'teacher', schoolId);
    const teacher = { id: user._id, schoolId };
    await submitMyDiagnostic(mera.store, teacher, september.id, teacherAnswers(1, teacherKnowledge(false)), '2098-09-20');
    const after = i < 4 ? teacherAnswers(1, teacherKnowledge(false)) : teacherAnswers(4, teacherKnowledge(true));
    await submitMyDiagnostic(mera.store, teacher, april.id, after, '2099-04-10');
  }
  await rebuildRollups(mera.store, september.id);
  await rebuildRollups(mera.store, april.id);
  return { id: april.id, small, large: new Map([[b, 6]]), tokens: april.tokens };
}

/** GET as the administrator (the API token), the body as a Buffer. */
export async function fetchAs(
  mera: TestMera,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await request(mera.app)
    .get(path)
    .set(headers)
    .buffer(true)
    .parse((r, callback) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  return { status: res.status, type: String(res.headers['content-type'] ?? ''), body: res.body as Buffer };
}
