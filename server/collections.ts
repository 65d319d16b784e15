// Every collection Mera keeps, for the store to open: each component lists its own in its data.ts
// (system settings aside), and only that component reads or writes them.
import { accountCollections } from './accounts/data';
import { analyticsCollections } from './analytics/data';
import { campaignCollections } from './campaigns/data';
import { diagnosticsCollection } from './diagnostics/data';
import { disclosureCollections } from './disclosure/data';
import { jobsCollection } from './jobs/data';
import { outboxCollection } from './mail/data';
import { responseCollections } from './responses/data';
import { schoolsCollection } from './schools/data';
import type { CollectionSpec } from './store';
import { instrumentsCollection } from './surveys/data';
import { settingsCollection } from './system/settings';

export const allCollections = [
  settingsCollection,
  jobsCollection,
  schoolsCollection,
  instrumentsCollection,
  outboxCollection,
  ...accountCollections,
  ...campaignCollections,
  ...responseCollections,
  diagnosticsCollection,
  ...analyticsCollections,
  ...disclosureCollections,
] as CollectionSpec<unknown>[];
