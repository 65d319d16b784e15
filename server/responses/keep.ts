// Every stored response goes through here: written to the responses collection, then announced to
// whoever listens (hooks.ts): analytics counts it in the rollups the results pages read.
import type { Campaign } from '../campaigns/data';
import type { Store } from '../store';
import type { CompiledInstrument } from '../surveys/definition';
import type { ResponseScores } from '../surveys/scoring';
import { givenAnswers, storedAnswers } from '../surveys/answer-keys';
import { responsesCollection, StoredResponse } from './data';
import { announceResponseKept, announceResponsesReplaced } from './hooks';

/** The response kept for one answer set of a campaign's instrument at a school, given on a day: from a link or from a signed-in diagnostic alike. */
export function responseOf(
  campaign: Pick<Campaign, '_id' | 'instrumentId' | 'instrumentVersion'>,
  schoolId: string,
  compiled: CompiledInstrument,
  day: string,
  answers: Record<string, unknown>,
  scores: ResponseScores | undefined,
): Omit<StoredResponse, '_id'> {
  return {
    campaignId: campaign._id,
    schoolId,
    instrumentId: campaign.instrumentId,
    instrumentVersion: campaign.instrumentVersion,
    respondentType: compiled.instrument.respondentType,
    day,
    answers,
    ...(scores ? { scores } : {}),
  };
}

export async function keepResponse(store: Store, response: Omit<StoredResponse, '_id'>): Promise<StoredResponse> {
  // Keys are encoded for the store ("." and "$" in SurveyJS names); listeners get them as given.
  const stored = await store.collection(responsesCollection).insertOne({ ...response, answers: storedAnswers(response.answers) });
  const kept = { ...stored, answers: givenAnswers(stored.answers) };
  await announceResponseKept(store, kept);
  return kept;
}

/** A school's form corrected: its one response takes the new revision's answers and day, and is announced again (the rollups replace the school's form). */
export async function replaceResponse(
  store: Store,
  responseId: string,
  change: Pick<StoredResponse, 'answers' | 'day'> & { scores?: ResponseScores },
): Promise<StoredResponse | null> {
  const responses = store.collection(responsesCollection);
  await responses.updateOne(
    { _id: responseId },
    { $set: { answers: storedAnswers(change.answers), day: change.day, ...(change.scores ? { scores: change.scores } : {}) } },
  );
  const stored = await responses.findOne({ _id: responseId });
  if (!stored) return null;
  const kept = { ...stored, answers: givenAnswers(stored.answers) };
  await announceResponseKept(store, kept);
  return kept;
}

/**
 * A teacher's corrected diagnostic: the anonymous copy it added to the campaign's responses is found
 * by what it holds (campaign, school, day and the answers as stored, keys encoded: a response names nobody) and
 * replaced; the listeners recount the campaign. Without a match (kept before), the correction is kept anew.
 */
export async function replaceMatchingResponse(
  store: Store,
  earlier: Pick<StoredResponse, 'campaignId' | 'schoolId' | 'day' | 'answers'>,
  corrected: Omit<StoredResponse, '_id'>,
): Promise<void> {
  const responses = store.collection(responsesCollection);
  const same = JSON.stringify(earlier.answers);
  const candidates = await responses.find({ campaignId: earlier.campaignId, schoolId: earlier.schoolId, day: earlier.day });
  const match = candidates.find((r) => JSON.stringify(r.answers) === same);
  if (!match) {
    await keepResponse(store, corrected);
    return;
  }
  await responses.updateOne(
    { _id: match._id },
    { $set: { answers: storedAnswers(corrected.answers), day: corrected.day, ...(corrected.scores ? { scores: corrected.scores } : {}) } },
  );
  await announceResponsesReplaced(store, earlier.campaignId);
}
