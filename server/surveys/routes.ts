import { Router } from 'express';
import { z } from 'zod';
import { requireAdministrator } from '../http/auth';
import { problem } from '../errors';
import type { Store } from '../store';
import { getInstrument, listInstruments, uploadInstrument } from './catalogue';

const idParam = z.string().regex(/^[a-z][a-z0-9-]{1,63}$/);
const versionParam = z.coerce.number().int().positive();

function parseParam<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw problem('request.invalid', { field, values: { reason: `"${field}" is not valid: ${parsed.error.issues[0].message}` } });
  return parsed.data;
}

export function instrumentRoutes(store: Store, adminToken: string | undefined): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json({ instruments: await listInstruments(store) });
  });
  router.get('/:id', async (req, res) => {
    const compiled = await getInstrument(store, parseParam(idParam, req.params.id, 'id'));
    res.json({ instrument: compiled.instrument });
  });
  router.get('/:id/versions/:version', async (req, res) => {
    const compiled = await getInstrument(
      store,
      parseParam(idParam, req.params.id, 'id'),
      parseParam(versionParam, req.params.version, 'version'),
    );
    res.json({ instrument: compiled.instrument });
  });
  router.post('/', requireAdministrator(adminToken), async (req, res) => {
    const { created, ...instrument } = await uploadInstrument(store, req.body);
    res.status(created ? 201 : 200).json({ instrument, created });
  });
  return router;
}
