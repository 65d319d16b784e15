import { now } from '../clock';
import type { RequestHandler } from 'express';
import { dayIn } from '../calendar';
import type { Store } from '../store';
import { parseIdempotencyKey, parseSubmission } from './schema';
import { submitResponse } from './service';

/**
 * Where respondents send their answers. app.ts mounts it straight on the app, ahead of the `/api`
 * router: it is the request Mera serves most, and each router level it would pass through costs
 * it time (a nested router costs about a sixth of a submission's CPU; `npm run bench`).
 */
export const submissionPath = '/api/links/:token/responses';

/**
 * POST submissionPath, after the body is read and guarded: stores one response. Its body and key
 * are checked by hand (schema.ts says why), then the link and the answers by the service.
 */
export function submissionHandler(store: Store, timeZone: string): RequestHandler<{ token: string }> {
  return async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const key = parseIdempotencyKey(req.get('Idempotency-Key'));
    const { answers } = parseSubmission(req.body);
    res.status(201).json(await submitResponse(store, req.params.token, answers, dayIn(timeZone, now()), key));
  };
}
