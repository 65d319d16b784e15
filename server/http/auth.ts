// Who is asking, for every component's routes: a signed-in user (session) or the administrator
// API token (MERA_ADMIN_TOKEN). Routes ask requireUser or requireAdministrator, then their component's
// policies (policies.ts: may this actor do this to this thing) through `allow`.
import crypto from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Locale, Role, SessionUser } from '../accounts/views';
import { problem } from '../errors';

export type Actor =
  | { kind: 'user'; id: string; role: Role; schoolId?: string; locale: Locale; email: string; name: string }
  | { kind: 'token'; role: 'administrator'; id?: undefined; schoolId?: undefined };

// Express's and passport's own way to type req.user and req.actor: merging into their global namespace.
declare global {
  namespace Express {
    interface User extends SessionUser {}
    interface Request {
      actor?: Actor;
    }
  }
}

const hashOf = (value: string) => crypto.createHash('sha256').update(value).digest();

/** The bearer token, when the request carries one and it is the administrator's. */
function bearerIsAdministrator(req: Request, adminToken: string | undefined): boolean {
  if (!adminToken) return false;
  const header = req.get('authorization') ?? '';
  if (!header.startsWith('Bearer ')) return false;
  return crypto.timingSafeEqual(hashOf(header.slice(7)), hashOf(adminToken));
}

/** Sets req.actor from the administrator token or the session's user (set by passport). */
export function identify(adminToken: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (bearerIsAdministrator(req, adminToken)) req.actor = { kind: 'token', role: 'administrator' };
    else if (req.user) {
      const u = req.user;
      req.actor = {
        kind: 'user',
        id: u.id,
        role: u.role,
        ...(u.schoolId ? { schoolId: u.schoolId } : {}),
        locale: u.locale,
        email: u.email,
        name: u.name,
      };
    }
    next();
  };
}

/** The actor, or a 401 asking to sign in. */
export function signedIn(req: Pick<Request, 'actor'>): Actor {
  if (!req.actor) throw problem('auth.required');
  return req.actor;
}

export const requireUser: RequestHandler = (req, _res, next) => {
  next(req.actor ? undefined : problem('auth.required'));
};

/**
 * Administrator actions: a signed-in administrator, or the API token MERA_ADMIN_TOKEN
 * (`Authorization: Bearer …`, recognised by `identify`) for automation and first set-up. Its
 * refusals say which of the two is missing.
 */
export function requireAdministrator(adminToken: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (req.actor?.role === 'administrator') return next();
    if (req.actor) return next(problem('auth.forbidden', { values: { reason: 'Only an administrator may do this.' } }));
    const bearer = (req.get('authorization') ?? '').startsWith('Bearer ');
    if (!adminToken && !bearer) return next(problem('auth.required'));
    if (!adminToken) return next(problem('admin.disabled'));
    next(problem('admin.unauthorised', { field: 'authorization' }));
  };
}

/** Throws 403 unless a policy said yes. */
export function allow(decision: boolean, message = 'You may not do this.'): void {
  if (!decision) throw problem('auth.forbidden', { values: { reason: message } });
}
