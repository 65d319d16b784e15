// The demo start page's data: the seeded cluster's schools and its demo campaigns' links, so a
// newcomer can try a survey. Only campaigns the demo seed marked as demo are listed.
import { Router } from 'express';
import { demoCampaigns } from './campaigns/demo';
import { presentSchool } from './schools/presenters';
import { listSchools } from './schools/service';
import type { Store } from './store';

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
