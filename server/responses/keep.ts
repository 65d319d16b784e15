// Every stored response goes through here: written to the responses collection, then announced to
// whoever listens (hooks.ts): analytics counts it in the rollups the results pages read.
import type { Campaign } from '../campaigns/data';
import type { Store } from '../store';
import type { CompiledInstrument } from '../surveys/definition';
import type { ResponseScores } from '../surveys/scoring';
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
  const stored = await store.collection(responsesCollection).insertOne(response);
  await announceResponseKept(store, stored);
  return stored;
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
    { $set: { answers: change.answers, day: change.day, ...(change.scores ? { scores: change.scores } : {}) } },
  );
  const stored = await responses.findOne({ _id: responseId });
  if (stored) await announceResponseKept(store, stored);
  return stored;
}
