// Administrator actions: a signed-in administrator, or the API token MERA_ADMIN_TOKEN
// (`Authorization: Bearer …`) for automation and first set-up. Both are identified in http/auth.ts.
import type { RequestHandler } from 'express';
import { Problem } from '../errors';

export function requireAdministrator(adminToken: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (req.actor?.role === 'administrator') return next();
    if (req.actor) return next(new Problem('auth.forbidden', 403, 'Only an administrator may do this.'));
    const bearer = (req.get('authorization') ?? '').startsWith('Bearer ');
    if (!adminToken && !bearer) return next(new Problem('auth.required', 401, 'Sign in as an administrator first.'));
    if (!adminToken) return next(new Problem('admin.disabled', 403, 'The administrator token is disabled: set MERA_ADMIN_TOKEN to enable it, or sign in as an administrator.'));
    next(new Problem('admin.unauthorised', 401, 'This needs an administrator: sign in, or send the administrator token (Authorization: Bearer <MERA_ADMIN_TOKEN>).', 'authorization'));
  };
}
