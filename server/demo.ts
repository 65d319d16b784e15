// The demo start page's data: the seeded cluster's schools and its demo campaigns' links, so a
// newcomer can try a survey. Only campaigns the demo seed marked as demo are listed. And the demo at
// start-up: seeded only where asked, and never reachable with the published password in production.
import { Router } from 'express';
import { accountsWithPublishedDemoPassword, DEMO_PASSWORD, generatedDemoPassword, setDemoPassword } from './accounts/demo';
import { demoCampaigns } from './campaigns/demo';
import { presentSchool } from './schools/presenters';
import { listSchools } from './schools/service';
import type { Config } from './config';
import type { Store } from './store';
import { seedDemoIfEmpty } from '../seeds/demo';

export function demoRoutes(store: Store, secret: () => Promise<string>): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const campaigns = await demoCampaigns(store, await secret());
    const schools = await listSchools(store);
    res.json({
      schools: schools.map(presentSchool),
      campaigns,
    });
  });
  return router;
}

/** A production start refused: the message says what to run. */
export class DemoPasswordError extends Error {}

/**
 * The demo at start-up: seeded into an empty store when config.seedDemo says so; in production its
 * accounts then get a password generated for this start (written to the log), and a store where an
 * account still signs in with the published demo password refuses to start, naming the command.
 */
export async function prepareDemo(store: Store, config: Config, log: (message: string) => void): Promise<void> {
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(store, { secret: config.secret, timeZone: config.timeZone });
    if (seeded) log(`Seeded the demo cluster: ${seeded.schools} schools, ${seeded.campaigns} campaigns, ${seeded.responses} responses.`);
  }
  if (config.env !== 'production') return;
  if (config.seedDemo) {
    const password = generatedDemoPassword();
    const accounts = await setDemoPassword(store, password);
    if (accounts) log(`The ${accounts} demo accounts sign in with the password generated for this start: ${password}`);
  }
  const exposed = await accountsWithPublishedDemoPassword(store);
  if (exposed.length)
    throw new DemoPasswordError(
      `Mera will not start in production: ${exposed.join(', ')} still sign${exposed.length === 1 ? 's' : ''} in with the published demo password "${DEMO_PASSWORD}". ` +
        'Remove the demo accounts with "npm run admin -- remove-demo", or replace a password with "npm run admin -- reset <email>" ' +
        '(or start with MERA_SEED_DEMO=true: the demo accounts then get a password generated at start).',
    );
}
