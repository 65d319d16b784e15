// Checks every API request body passes before any route sees it.
import type { RequestHandler } from 'express';
import { Problem } from './errors';

/** The first key starting with "$" anywhere in a value (a MongoDB operator smuggled in), as a path. */
export function findOperatorKey(value: unknown, path = ''): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findOperatorKey(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const here = path ? `${path}.${key}` : key;
      if (key.startsWith('$')) return here;
      const hit = findOperatorKey(child, here);
      if (hit) return hit;
    }
  }
  return undefined;
}

export const rejectOperators: RequestHandler = (req, _res, next) => {
  const hit = findOperatorKey(req.body);
  next(hit ? new Problem('request.operator', 400, `Keys starting with "$" are not allowed (found "${hit}").`, hit) : undefined);
};

/** State-changing API requests must carry JSON. */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (['POST', 'PUT', 'PATCH'].includes(req.method) && !req.is('application/json')) {
    return next(new Problem('request.not_json', 415, 'Send the body as JSON (Content-Type: application/json).', 'content-type'));
  }
  next();
};
