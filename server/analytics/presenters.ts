// What the results routes answer, shaped in one place.
import type { CampaignResults } from './views';

/**
 * A campaign's results as a reader may see them: everything, or for a school coordinator (`own`)
 * the cluster's aggregates without the lists naming which other schools meet a criterion.
 */
export function presentCampaignResults(results: CampaignResults, own: string | undefined): CampaignResults {
  if (!own) return results;
  return {
    ...results,
    indicators: results.indicators.map(({ cluster: { meeting: _m, notMeeting: _n, missing: _x, ...cluster }, ...indicator }) => ({
      ...indicator,
      cluster,
    })),
  };
}
