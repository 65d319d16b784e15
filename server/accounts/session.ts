// Sessions, passport and CSRF for the API: express-session over the port (the session id
// changes on sign-in, the session is destroyed on sign-out), passport-local, csrf-sync's
// synchronizer token in the `x-csrf-token` header plus an Origin / Sec-Fetch-Site check.
import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import { csrfSync } from 'csrf-sync';
import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { rememberedUnlessFailed, storedSecret } from '../system/settings';
import type { Config } from '../config';
import { problem, Problem } from '../errors';
import type { Store } from '../store';
import { PortSessionStore } from './session-store';
import { presentSessionUser } from './presenters';
import { authenticate, findUserById } from './service';

const SESSION_SECRET_SETTING = 'session-secret';

/** MERA_SESSION_SECRET when configured; otherwise one random secret kept in the store and shared by every instance. */
function sessionSecret(store: Store, configured: string | undefined): Promise<string> {
  return storedSecret(store, SESSION_SECRET_SETTING, configured);
}

const sessionCookieName = (config: Config) => (config.accounts.secureCookies ? '__Host-mera.sid' : 'mera.sid');

export interface SessionLayer {
  /** Mounted on the API after the anonymous respondents' routes (they never read the session). */
  handlers: RequestHandler[];
  passport: InstanceType<typeof Passport>;
  /** Refuses a state-changing request without a valid CSRF token (for routes used before any session exists, such as sign-in). */
  requireCsrf: RequestHandler;
  csrfToken(req: Request): string;
  cookieName: string;
  /** The secret, for salted hashes (rate-limit keys). */
  secret(): Promise<string>;
}

const unsafe = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

export function sessionLayer(config: Config, store: Store): SessionLayer {
  const getSecret = rememberedUnlessFailed(() => sessionSecret(store, config.accounts.sessionSecret));
  const cookieName = sessionCookieName(config);

  const getSessionHandler = rememberedUnlessFailed(() =>
    getSecret().then((value) =>
      session({
        name: cookieName,
        secret: value,
        store: new PortSessionStore(store),
        resave: false,
        saveUninitialized: false,
        unset: 'destroy',
        cookie: {
          httpOnly: true,
          sameSite: 'lax',
          secure: config.accounts.secureCookies,
          path: '/',
          maxAge: config.accounts.sessionHours * 3600 * 1000,
        },
      }),
    ),
  );
  const sessions: RequestHandler = (req, res, next) => {
    getSessionHandler().then((handler) => handler(req, res, next), next);
  };

  const passport = new Passport();
  passport.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password', session: true }, (email, password, done) => {
      authenticate(store, email, password).then((user) => done(null, user ? presentSessionUser(user) : false), done);
    }),
  );
  passport.serializeUser((user, done) => done(null, user.id));
  passport.deserializeUser((id: string, done) => {
    findUserById(store, id).then(
      // A deactivated user's sessions end on their next request.
      (user) => done(null, user?.active ? presentSessionUser(user) : false),
      done,
    );
  });

  const csrf = csrfSync({ getTokenFromRequest: (req) => req.get('x-csrf-token') ?? undefined });

  const sameOrigin = (req: Request): boolean => {
    const site = req.get('sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none') return false;
    const origin = req.get('origin');
    if (!origin) return true;
    const allowed = new Set([`${req.protocol}://${req.get('host')}`]);
    if (config.publicUrl) allowed.add(new URL(config.publicUrl).origin);
    return allowed.has(origin);
  };

  const check = (req: Request): Problem | undefined => {
    if (!sameOrigin(req)) return problem('csrf.cross_origin');
    if (!req.session || !csrf.isRequestValid(req)) {
      return problem('csrf.invalid', { field: 'x-csrf-token' });
    }
    return undefined;
  };

  const hasSessionCookie = (req: Request) => (req.headers.cookie ?? '').split(/;\s*/).some((c) => c.startsWith(`${cookieName}=`));

  // Every state-changing request that uses the session (carries its cookie) needs the token. A
  // request without the cookie has no ambient authority (the API token is sent on purpose).
  const protect: RequestHandler = (req, _res, next) => {
    next(unsafe(req.method) && hasSessionCookie(req) ? check(req) : undefined);
  };
  const requireCsrf: RequestHandler = (req, _res, next) => {
    next(unsafe(req.method) ? check(req) : undefined);
  };

  return {
    handlers: [sessions, passport.initialize(), passport.session(), protect],
    passport,
    requireCsrf,
    csrfToken: (req) => csrf.generateToken(req),
    cookieName,
    secret: getSecret,
  };
}
