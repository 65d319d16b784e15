// Every collection Mera keeps, for the store to open. Each is owned by its component.
import { accountTokensCollection, rateLimitsCollection, sessionsCollection, usersCollection } from './accounts/data';
import { campaignsCollection, linksCollection, settingsCollection } from './campaigns/data';
import { responsesCollection } from './responses/data';
import { schoolsCollection } from './schools/data';
import type { CollectionSpec } from './store';
import { instrumentsCollection } from './surveys/data';
import { outboxCollection } from './mail/data';
import { diagnosticsCollection } from './diagnostics/data';

export const allCollections = [
  schoolsCollection,
  instrumentsCollection,
  campaignsCollection,
  linksCollection,
  settingsCollection,
  responsesCollection,
  usersCollection,
  sessionsCollection,
  accountTokensCollection,
  rateLimitsCollection,
  outboxCollection,
  diagnosticsCollection,
] as CollectionSpec<unknown>[];
