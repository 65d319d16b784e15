// Every stored response goes through here: written to the responses collection, then counted in
// the analytics rollups the results pages read. A rollup that fails to update is logged, not the
// respondent's problem (their answer is stored): `npm run rollups:rebuild` recounts from the responses.
import { recordResponse } from '../analytics/rollups';
import type { Campaign } from '../campaigns/data';
import type { Store } from '../store';
import type { CompiledInstrument } from '../surveys/definition';
import type { ResponseScores } from '../surveys/scoring';
import { responsesCollection, StoredResponse } from './data';

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
  try {
    await recordResponse(store, stored);
  } catch (err) {
    console.error(
      `The analytics rollups missed response ${stored._id} of campaign ${stored.campaignId}; run "npm run rollups:rebuild".`,
      err,
    );
  }
  return stored;
}
