import { Router } from 'express';
import { z } from 'zod';
import { dayIn } from '../calendar';
import type { Store } from '../store';
import { Problem } from '../errors';
import { submitResponse } from './service';

/** A random key the device made for this answer (a UUID or similar). */
const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/).optional();

export function responseRoutes(store: Store, timeZone: string): Router {
  const router = Router();
  router.post('/:token/responses', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const key = idempotencyKeySchema.safeParse(req.get('Idempotency-Key') || undefined);
    if (!key.success) throw new Problem('request.idempotency_key', 400, 'The Idempotency-Key header must be 16–128 letters, digits, "-" or "_".', 'Idempotency-Key');
    res.status(201).json(await submitResponse(store, req.params.token, req.body, dayIn(timeZone, new Date()), key.data));
  });
  return router;
}
