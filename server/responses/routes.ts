import { now } from '../clock';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { dayIn } from '../calendar';
import type { Store } from '../store';
import { problem } from '../errors';
import { submitResponse } from './service';

/** A random key the device made for this answer (a UUID or similar). */
const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,128}$/)
  .optional();

/**
 * Where respondents send their answers. app.ts mounts it straight on the app, ahead of the `/api`
 * router: it is the request Mera serves most, and each router level it would pass through costs
 * it time (a nested router costs about a sixth of a submission's CPU; `npm run bench`).
 */
export const submissionPath = '/api/links/:token/responses';

/** POST submissionPath, after the body is read and guarded: stores one response. */
export function submissionHandler(store: Store, timeZone: string): RequestHandler<{ token: string }> {
  return async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const key = idempotencyKeySchema.safeParse(req.get('Idempotency-Key') || undefined);
    if (!key.success) throw problem('request.idempotency_key', { field: 'Idempotency-Key' });
    res.status(201).json(await submitResponse(store, req.params.token, req.body, dayIn(timeZone, now()), key.data));
  };
}
