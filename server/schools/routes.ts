import { Router } from 'express';
import type { Store } from '../store';
import { listSchools } from './service';

/** The cluster's schools are public facts (names and numbers), listed for every page. */
export function schoolsRoutes(store: Store): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const schools = await listSchools(store);
    res.json({ schools: schools.map(({ _id, number, name, shortName }) => ({ id: _id, number, name, shortName })) });
  });
  return router;
}
