// Every collection Mera keeps, for the store to open. Each is owned by its component.
import { analyticsCollections } from './analytics/data';
import { campaignsCollection, linksCollection, settingsCollection } from './campaigns/data';
import { responsesCollection } from './responses/data';
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
  ...analyticsCollections,
] as CollectionSpec<unknown>[];
