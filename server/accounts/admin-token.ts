// Until accounts and roles arrive, administrator actions (uploading an instrument) are
// authorised by a bearer token from MERA_ADMIN_TOKEN. Without it those actions are disabled.
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import { Problem } from '../errors';

export function requireAdministrator(adminToken: string | undefined): RequestHandler {
  const expected = adminToken ? crypto.createHash('sha256').update(adminToken).digest() : undefined;
  return (req, _res, next) => {
    if (!expected) return next(new Problem('admin.disabled', 403, 'Administrator actions are disabled: set MERA_ADMIN_TOKEN to enable them.'));
    const header = req.get('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    const ok = given !== '' && crypto.timingSafeEqual(crypto.createHash('sha256').update(given).digest(), expected);
    next(ok ? undefined : new Problem('admin.unauthorised', 401, 'This needs the administrator token (Authorization: Bearer <MERA_ADMIN_TOKEN>).', 'authorization'));
  };
}
