// Every collection Mera keeps, for the store to open. Each is owned by its component.
import { campaignsCollection, linksCollection, settingsCollection } from './campaigns/data';
import { responsesCollection } from './responses/data';
import { submissionKeysCollection } from './responses/idempotency';
import { schoolsCollection } from './schools/data';
import type { CollectionSpec } from './store';
import { instrumentsCollection } from './surveys/data';

export const allCollections = [
  schoolsCollection,
  instrumentsCollection,
  campaignsCollection,
  linksCollection,
  settingsCollection,
  responsesCollection,
  submissionKeysCollection,
] as CollectionSpec<unknown>[];
