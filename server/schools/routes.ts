import { Router } from 'express';
import type { Store } from '../store';
import { presentSchool } from './presenters';
import { listSchools } from './service';

/** The cluster's schools are public facts (names and numbers), listed for every page. */
export function schoolsRoutes(store: Store): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json({ schools: (await listSchools(store)).map(presentSchool) });
  });
  return router;
}
