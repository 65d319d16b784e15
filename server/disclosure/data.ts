// The disclosure module's collection: the published state of each group of a campaign (a school ×
// role of anonymous answers or teachers' diagnostics), as the results were last shown. Kept in the
// store, not in memory, so every instance of the app publishes the same values.
import { defineCollection, Mixed } from '../store';

export interface PublishedGroup {
  /** The group's id (its rollup's: campaign, school, role). */
  _id: string;
  campaignId: string;
  /** Respondents behind the published counts. */
  respondents: number;
  /** The group's counts as published (the rollup document, escaped field names as there). */
  counts: Record<string, unknown>;
}

export const publishedGroupsCollection = defineCollection<PublishedGroup>(
  'published_groups',
  {
    campaignId: { type: String, required: true },
    respondents: { type: Number, required: true },
    counts: { type: Mixed, required: true },
  },
  [{ fields: { campaignId: 1 } }],
);

export const disclosureCollections = [publishedGroupsCollection];
