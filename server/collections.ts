// Every collection Mera keeps, for the store to open. Each is owned by its component.
import { auditCollection } from './campaigns/audit';
import { campaignsCollection, linksCollection } from './campaigns/data';
import { mailDaysCollection, reminderDeliveriesCollection } from './campaigns/reminders';
import { jobsCollection } from './jobs/data';
import { analyticsCollections } from './analytics/data';
import { accountTokensCollection, rateLimitsCollection, sessionsCollection, usersCollection } from './accounts/data';

import { responsesCollection } from './responses/data';
import { submissionKeysCollection } from './responses/idempotency';
import { schoolYearFormsCollection } from './responses/school-forms';
import { schoolsCollection } from './schools/data';
import { settingsCollection } from './system/settings';
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
  auditCollection,
  reminderDeliveriesCollection,
  mailDaysCollection,
  jobsCollection,
  ...analyticsCollections,
  submissionKeysCollection,
  schoolYearFormsCollection,
  usersCollection,
  sessionsCollection,
  accountTokensCollection,
  rateLimitsCollection,
  outboxCollection,
  diagnosticsCollection,
] as CollectionSpec<unknown>[];
