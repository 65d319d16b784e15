// Every stored response goes through here: written to the responses collection, then announced to
// whoever listens (hooks.ts): analytics counts it in the rollups the results pages read.
import type { Campaign } from '../campaigns/data';
import type { Store } from '../store';
import type { CompiledInstrument } from '../surveys/definition';
import type { ResponseScores } from '../surveys/scoring';
import { givenAnswers, storedAnswers } from '../surveys/answer-keys';
import { responsesCollection, StoredResponse } from './data';
import { announceResponseKept } from './hooks';

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
