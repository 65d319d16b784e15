// Reading kept responses, for the components above (campaigns' follow screen and tasks, analytics'
// rollups and exports): counts per school, and a campaign's responses a batch at a time. Nothing
// here can say who answered: a response holds no such thing.
import type { Store } from '../store';
import { givenAnswers } from '../surveys/answer-keys';
import { responsesCollection, type StoredResponse } from './data';

/** How many answers each school has given to a campaign: school id → count (schools without answers are absent). */
export async function answersPerSchool(store: Store, campaignId: string): Promise<Map<string, number>> {
  const counts = await store
    .collection(responsesCollection)
    .aggregate<{ _id: string; answers: number }>([{ $match: { campaignId } }, { $group: { _id: '$schoolId', answers: { $sum: 1 } } }]);
  return new Map(counts.map((c) => [c._id, c.answers]));
}

/** Whether a school has answered a campaign at all (a school's own form: its coordinator's task is done). */
export async function schoolHasAnswered(store: Store, campaignId: string, schoolId: string): Promise<boolean> {
  return (await store.collection(responsesCollection).findOne({ campaignId, schoolId })) !== null;
}

/** Which responses: of one campaign (and, within it, one school), or every response kept. */
export interface ResponseSelection {
  campaignId?: string;
  schoolId?: string;
}

const projectionOf = (fields: string[] | undefined) => (fields ? Object.fromEntries(fields.map((f) => [f, 1 as const])) : undefined);

/**
 * The selected responses, read a batch at a time: in the order of their day when asked (a rebuild
 * of the rollups lets a school's latest form win), and with only the fields named when named.
 */
export function streamResponses(
  store: Store,
  selection: ResponseSelection,
  options: { inDayOrder?: boolean; fields?: string[] } = {},
): AsyncIterable<StoredResponse> {
  const filter = {
    ...(selection.campaignId !== undefined ? { campaignId: selection.campaignId } : {}),
    ...(selection.schoolId !== undefined ? { schoolId: selection.schoolId } : {}),
  };
  return decoded(
    store.collection(responsesCollection).stream(filter, {
      ...(options.inDayOrder ? { sort: { day: 1 } } : {}),
      ...(options.fields ? { projection: projectionOf(options.fields) } : {}),
    }),
  );
}

/** Responses with their answers' keys as SurveyJS names them (answer-keys.ts). */
async function* decoded(responses: AsyncIterable<StoredResponse>): AsyncIterable<StoredResponse> {
  for await (const r of responses) yield r.answers ? { ...r, answers: givenAnswers(r.answers) } : r;
}

/** The responses with these ids (those still kept), with only the fields named. */
export async function responsesByIds(store: Store, ids: string[], fields: string[]): Promise<StoredResponse[]> {
  // By _id alone, so the embedded engine answers from its _id index rather than the campaign's.
  const found = await store.collection(responsesCollection).find({ _id: { $in: ids } }, { projection: projectionOf(fields) });
  return found.map((r) => (r.answers ? { ...r, answers: givenAnswers(r.answers) } : r));
}
