// Every stored response goes through here: written to the responses collection, then counted in
// the analytics rollups the results pages read. A rollup that fails to update is logged, not the
// respondent's problem (their answer is stored): `npm run rollups:rebuild` recounts from the responses.
import { recordResponse } from '../analytics/rollups';
import type { Store } from '../store';
import { responsesCollection, StoredResponse } from './data';

export async function keepResponse(store: Store, response: Omit<StoredResponse, '_id'>): Promise<StoredResponse> {
  const stored = await store.collection(responsesCollection).insertOne(response);
  try {
    await recordResponse(store, stored);
  } catch (err) {
    console.error(`The analytics rollups missed response ${stored._id} of campaign ${stored.campaignId}; run "npm run rollups:rebuild".`, err);
  }
  return stored;
}
