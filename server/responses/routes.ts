import { Router } from 'express';
import { dayIn } from '../calendar';
import type { Store } from '../store';
import { submitResponse } from './service';

export function responseRoutes(store: Store, timeZone: string): Router {
  const router = Router();
  router.post('/:token/responses', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    res.status(201).json(await submitResponse(store, req.params.token, req.body, dayIn(timeZone, new Date())));
  });
  return router;
}
