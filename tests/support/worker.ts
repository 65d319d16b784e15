// Test support: a job worker as start-up (server/main.ts) builds one, with the campaigns' job
// handlers registered, and the test's own mail, recipients and invitees where it gives them.
import type { Config } from '../../server/config';
import { registerCampaignJobs, type CampaignJobDeps } from '../../server/campaigns/job-handlers';
import { createWorker, jobHandlers, type Worker } from '../../server/jobs/worker';
import type { Store } from '../../server/store';

export function campaignWorker(
  deps: Omit<CampaignJobDeps, 'config'> & { store: Store; config: Config; log?: (message: string, err?: unknown) => void },
): Worker {
  const { log, ...campaignDeps } = deps;
  const handlers = jobHandlers();
  registerCampaignJobs(handlers, campaignDeps);
  return createWorker({ store: deps.store, handlers, log });
}
