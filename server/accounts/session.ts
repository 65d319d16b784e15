// Sessions, passport and CSRF for the API: express-session over the port (the session id
// changes on sign-in, the session is destroyed on sign-out), passport-local, and a CSRF token in
// the `x-csrf-token` header plus an Origin / Sec-Fetch-Site check. A signed-in session keeps
// csrf-sync's synchronizer token; a visitor who has not signed in gets no stored session at all:
// their token is an HMAC of a random value in a cookie of its own (a signed double-submit cookie),
// so GET /api/session stores nothing. Whether a request is bound by the session's token is decided
// by the session express-session read from the cookie (a signed-in user), never by reading the
// Cookie header a second way: a request the session authenticates always needs its token.
import crypto from 'node:crypto';
import { parse as parseCookies } from 'cookie';
import type { Request, RequestHandler, Response } from 'express';
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
/** The cookie of a visitor who has not signed in: a random value the CSRF token is an HMAC of. */
const visitorCookieName = (config: Config) => (config.accounts.secureCookies ? '__Host-mera.csrf' : 'mera.csrf');
const visitorValue = /^[A-Za-z0-9_-]{24}$/;

/** The request's cookies, parsed once with the parser express-session uses. */
const parsedCookies = new WeakMap<Request, Record<string, string | undefined>>();
function cookiesOf(req: Request): Record<string, string | undefined> {
  let cookies = parsedCookies.get(req);
  if (!cookies) {
    cookies = parseCookies(req.headers.cookie ?? '');
    parsedCookies.set(req, cookies);
  }
  return cookies;
}

export interface SessionLayer {
  /** Mounted on the API after the anonymous respondents' routes (they never read the session). */
  handlers: RequestHandler[];
  passport: InstanceType<typeof Passport>;
  /** Refuses a state-changing request without a valid CSRF token (for routes used before any session exists, such as sign-in). */
  requireCsrf: RequestHandler;
  /** The token the client sends back in x-csrf-token: the session's when signed in, else one bound to the visitor's CSRF cookie (set here when missing). */
  csrfToken(req: Request, res: Response): string;
  cookieName: string;
  /** The secret, for salted hashes (rate-limit keys). */
  secret(): Promise<string>;
}

const unsafe = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

export function sessionLayer(config: Config, store: Store): SessionLayer {
  // The secret, once read: every route that makes or checks a token runs after the session handler, which waits for it.
  let secretValue: string | undefined;
  const getSecret = rememberedUnlessFailed(() =>
    sessionSecret(store, config.accounts.sessionSecret).then((value) => (secretValue = value)),
  );
  const cookieName = sessionCookieName(config);
  const visitorCookie = visitorCookieName(config);

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

  /** Signed in through the session (passport read the user from the session express-session loaded). */
  const sessionUser = (req: Request) => Boolean(req.session && req.user);

  const visitorToken = (value: string) => {
    if (!secretValue) throw new Error('The session secret is not read yet');
    return crypto.createHmac('sha256', secretValue).update(`csrf:${value}`).digest('base64url');
  };
  const validVisitorToken = (req: Request): boolean => {
    const value = cookiesOf(req)[visitorCookie];
    const sent = req.get('x-csrf-token');
    if (!value || !visitorValue.test(value) || !sent) return false;
    const expected = Buffer.from(visitorToken(value));
    const given = Buffer.from(sent);
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  };

  const check = (req: Request): Problem | undefined => {
    if (!sameOrigin(req)) return problem('csrf.cross_origin');
    const valid = sessionUser(req) ? csrf.isRequestValid(req) : validVisitorToken(req);
    return valid ? undefined : problem('csrf.invalid', { field: 'x-csrf-token' });
  };

  // Every state-changing request the session authenticates needs the token. A request the session
  // does not authenticate has no ambient authority (the API token is sent on purpose).
  const protect: RequestHandler = (req, _res, next) => {
    next(unsafe(req.method) && sessionUser(req) ? check(req) : undefined);
  };

  const csrfToken = (req: Request, res: Response): string => {
    if (sessionUser(req)) return csrf.generateToken(req);
    let value = cookiesOf(req)[visitorCookie];
    if (!value || !visitorValue.test(value)) {
      value = crypto.randomBytes(18).toString('base64url');
      res.cookie(visitorCookie, value, { httpOnly: true, sameSite: 'strict', secure: config.accounts.secureCookies, path: '/' });
    }
    return visitorToken(value);
  };
  const requireCsrf: RequestHandler = (req, _res, next) => {
    next(unsafe(req.method) ? check(req) : undefined);
  };

  return {
    handlers: [sessions, passport.initialize(), passport.session(), protect],
    passport,
    requireCsrf,
    csrfToken,
    cookieName,
    secret: getSecret,
  };
}
