import { Router } from 'express';
import { requireAdministrator } from '../http/auth';
import { validate } from '../http/validate';
import type { Store } from '../store';
import { getInstrument, listInstruments, tryInstrument, uploadInstrument } from './catalogue';
import { presentInstrument, presentInstrumentSummary } from './presenters';
import { instrumentApi as api } from './schema';

export function instrumentRoutes(store: Store, adminToken: string | undefined): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json({ instruments: (await listInstruments(store)).map(presentInstrumentSummary) });
  });
  router.get('/:id', validate(api.newest), async (req, res) => {
    res.json({ instrument: presentInstrument(await getInstrument(store, req.params.id)) });
  });
  router.get('/:id/versions/:version', validate(api.version), async (req, res) => {
    res.json({ instrument: presentInstrument(await getInstrument(store, req.params.id, req.params.version)) });
  });
  router.post('/', requireAdministrator(adminToken), validate(api.upload), async (req, res) => {
    const { created, ignored, ...instrument } = await uploadInstrument(store, req.body);
    res.status(created ? 201 : 200).json({ instrument: presentInstrumentSummary(instrument), created, ignored });
  });
  router.post('/check', requireAdministrator(adminToken), validate(api.check), async (req, res) => {
    res.json(await tryInstrument(store, req.body));
  });
  return router;
}
