// The demo start page's data: the seeded cluster's open links, so a newcomer can try a survey.
// Only campaigns the demo seed marked as demo are listed; real campaigns never are.
import { Router } from 'express';
import { campaignsCollection, linksCollection } from './campaigns/data';
import { linkToken } from './campaigns/links';
import { presentSchool } from './schools/presenters';
import { listSchools } from './schools/service';
import type { Store } from './store';

export function demoRoutes(store: Store, secret: () => Promise<string>): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    // Open campaigns first (the ones a newcomer can answer), then the closed ones, latest first.
    const campaigns = (await store.collection(campaignsCollection).find({ demo: true }, { sort: { opensOn: -1, createdAt: -1 } })).sort(
      (a, b) => Number(b.status === 'open') - Number(a.status === 'open'),
    );
    const links = await store.collection(linksCollection).find({ campaignId: { $in: campaigns.map((c) => c._id) } });
    const schools = await listSchools(store);
    const key = await secret();
    res.json({
      schools: schools.map(presentSchool),
      campaigns: campaigns.map((c) => ({
        id: c._id,
        title: c.title,
        instrumentId: c.instrumentId,
        status: c.status,
        opensOn: c.opensOn,
        closesOn: c.closesOn,
        links: links.filter((l) => l.campaignId === c._id).map((l) => ({ schoolId: l.schoolId, path: `/s/${linkToken(key, l._id)}` })),
      })),
    });
  });
  return router;
}
