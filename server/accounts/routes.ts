// The accounts API: the session (sign in and out, CSRF token), the first administrator, setting a
// password from a one-time link, password resets, and managing users within one's scope.
import crypto from 'node:crypto';
import { Request, Response, Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Config } from '../config';
import { problem } from '../errors';
import { allow, requireUser, signedIn } from '../http/auth';
import { validate } from '../http/validate';
import type { Mailer } from '../mail/outbox';
import { latestMailAbout } from '../mail/outbox';
import { getSchool } from '../schools/service';
import type { Store } from '../store';
import { DEMO_PASSWORD, listDemoAccounts } from './demo';
import { sendAccountLink } from './invitations';
import { reserveInvitations } from './invitation-cap';
import { importRoster, readRoster } from './roster';
import { checkRosterFile, rosterLimits, tooManyRows } from './roster-limits';
import { mayCreateUser, mayListUsers, mayManageUser, userListScope } from './policies';
import { loginBackoffMs, PortRateLimitStore } from './rate-limit-store';
import { requestPasswordReset } from './resets';
import { presentInvitation, presentListedUser, presentSessionUser, presentUser } from './presenters';
import { accountApi as api } from './schema';
import { administratorExists, createUser, findUserById, listUsers, normaliseEmail, setPasswordWithToken, updateUser } from './service';
import type { SessionLayer } from './session';
import { endSessionsOf } from './session-store';
import { usableAccountToken } from './tokens';

export interface AccountDeps {
  store: Store;
  config: Config;
  layer: SessionLayer;
  mailer: Mailer;
  log: (message: string, err?: unknown) => void;
}

/** The request comes straight from this machine (no proxy in between): the first-run page's condition. */
function fromLocalhost(req: Request): boolean {
  const address = req.socket.remoteAddress ?? '';
  const loopback = address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
  return loopback && !req.get('x-forwarded-for') && !req.get('forwarded');
}

function logIn(req: Request, user: Express.User): Promise<void> {
  // passport 0.7 regenerates the session here: a new session id, so a planted one is worthless.
  return new Promise((resolve, reject) => req.logIn(user, (err) => (err ? reject(err) : resolve())));
}

export function accountRoutes({ store, config, layer, mailer, log }: AccountDeps): Router {
  const router = Router();
  const keyed = async (kind: string, value: string) =>
    crypto
      .createHmac('sha256', await layer.secret())
      .update(`${kind}:${value}`)
      .digest('base64url');
  const limited = (_req: Request, _res: Response, next: (err?: unknown) => void) => next(problem('auth.rate_limited'));

  // The client's address: the socket's, or with MERA_TRUST_PROXY=<hops> the one those proxies saw
  // (Express's req.ip, which never trusts more hops than configured). Kept only as a salted hash.
  const address = (req: Request) => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? '');
  const emailOf = (req: Request) => normaliseEmail(String((req.body as { email?: unknown })?.email ?? ''));
  const window = 15 * 60 * 1000;

  const perAddress = rateLimit({
    windowMs: window,
    limit: config.accounts.loginLimitPerAddress,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new PortRateLimitStore(store, 'address:'),
    keyGenerator: (req) => keyed('address', address(req)),
    handler: limited,
  });
  // Failures count per (account, address) pair: an attacker's failures lock out their own address,
  // never the account's owner at theirs. A successful sign-in does not count.
  const perPair = rateLimit({
    windowMs: window,
    limit: config.accounts.loginLimitPerAccount,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    store: new PortRateLimitStore(store, 'pair:'),
    keyGenerator: (req) => keyed('pair', `${emailOf(req)} ${address(req)}`),
    handler: limited,
  });
  // And per account, from every address: past the limit each attempt waits before its password is
  // checked (twice as long for each further failure, at most loginBackoffMaxMs), the right one too,
  // so the wait tells nothing; the right password still signs in. Never a refusal.
  const accountFailures = new PortRateLimitStore(store, 'account:');
  accountFailures.init({ windowMs: window } as Parameters<PortRateLimitStore['init']>[0]);
  const accountBackoff = async (req: Request, _res: Response, next: (err?: unknown) => void) => {
    const failures = (await accountFailures.get(await keyed('account', emailOf(req))))?.totalHits ?? 0;
    const wait = loginBackoffMs(failures, config.accounts.loginLimitPerAccount);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    next();
  };
  const failedSignIn = async (req: Request) => {
    await accountFailures.increment(await keyed('account', emailOf(req)));
  };

  /** Invitations count against the sender's daily cap (the API token, an operator's tool, has none). */
  const reserveFor = (actor: ReturnType<typeof signedIn>, count: number) =>
    actor.kind === 'user' ? reserveInvitations(store, actor.id, count, config.accounts.invitationsPerDay) : Promise.resolve();

  const sessionBody = (req: Request, res: Response) => ({ user: req.user ?? null, csrfToken: layer.csrfToken(req, res) });

  router.get('/session', (req, res) => {
    res.set('Cache-Control', 'no-store').json(sessionBody(req, res));
  });

  router.post('/session', layer.requireCsrf, perAddress, perPair, validate(api.signIn), accountBackoff, async (req, res, next) => {
    layer.passport.authenticate('local', { session: false }, (err: unknown, user: Express.User | false) => {
      if (err) return next(err);
      if (!user) return void failedSignIn(req).then(() => next(problem('auth.wrong_credentials', { field: 'password' })), next);
      logIn(req, user).then(() => res.json(sessionBody(req, res)), next);
    })(req, res, next);
  });

  router.delete('/session', layer.requireCsrf, (req, res, next) => {
    if (!req.session) return res.status(204).end();
    // Destroyed in the store, not only forgotten by the browser: the old cookie no longer works.
    req.session.destroy((err) => {
      if (err) return next(err);
      res.clearCookie(layer.cookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.accounts.secureCookies });
      res.status(204).end();
    });
  });

  // Demo mode only: who a newcomer can sign in as, and the demo password.
  router.get('/demo-accounts', async (_req, res) => {
    // In production the demo's password is generated at start and only written to the log.
    if (!config.seedDemo) return void res.json({ accounts: [] });
    const accounts = await listDemoAccounts(store);
    res.json(config.env === 'production' ? { accounts } : { password: DEMO_PASSWORD, accounts });
  });

  router.get('/first-run', async (req, res) => {
    const needed = !(await administratorExists(store));
    res.set('Cache-Control', 'no-store').json({ needed, allowed: needed && fromLocalhost(req) });
  });

  router.post('/first-run', layer.requireCsrf, validate(api.firstRun), async (req, res) => {
    const body = req.body;
    if (await administratorExists(store)) throw problem('first_run.done');
    if (!fromLocalhost(req)) throw problem('first_run.not_local');
    const user = await createUser(store, {
      email: body.email,
      name: body.name,
      password: body.password,
      locale: body.locale,
      role: 'administrator',
    });
    await logIn(req, presentSessionUser(user));
    res.status(201).json(sessionBody(req, res));
  });

  router.get('/account-tokens/:token', validate(api.accountToken), async (req, res) => {
    const record = await usableAccountToken(store, req.params.token);
    const user = await findUserById(store, record.userId);
    if (!user) throw problem('account_token.unknown', { field: 'token' });
    res.set('Cache-Control', 'no-store').json({ purpose: record.purpose, email: user.email, name: user.name, locale: user.locale });
  });

  router.post('/account-tokens/:token/password', layer.requireCsrf, validate(api.setPassword), async (req, res) => {
    const user = await setPasswordWithToken(store, req.params.token, req.body.password);
    // A new password ends every session the account had (a reset after a theft locks the thief out).
    await endSessionsOf(store, user._id);
    await logIn(req, presentSessionUser(user));
    res.json(sessionBody(req, res));
  });

  router.post('/password-resets', layer.requireCsrf, perAddress, validate(api.passwordReset), (req, res) => {
    // The same answer at the same moment whether or not the e-mail is registered: the work follows it.
    requestPasswordReset(store, config, mailer, req.body.email, log);
    res.status(202).json({ accepted: true });
  });

  router.patch('/account', requireUser, validate(api.changeAccount), async (req, res) => {
    const actor = signedIn(req);
    if (actor.kind !== 'user') throw problem('account.token_has_none');
    const user = await updateUser(store, actor.id, req.body);
    // The session holds only the user's id; the next request reads the changed user.
    res.json({ user: presentUser(user) });
  });

  router.get('/users', requireUser, validate(api.users), async (req, res) => {
    const actor = signedIn(req);
    allow(mayListUsers(actor), 'Your role may not list users.');
    const query = req.query;
    const scope = userListScope(actor)!;
    if (query.schoolId) {
      if (scope.schoolIds && !scope.schoolIds.includes(query.schoolId)) allow(false, 'You may only list the users of your own school.');
      scope.schoolIds = [query.schoolId];
    }
    const users = await listUsers(store, scope);
    const invitations = await latestMailAbout(
      store,
      users.map((u) => u._id),
      'invitation',
    );
    res.set('Cache-Control', 'no-store').json({ users: users.map((u) => presentListedUser(u, invitations.get(u._id))) });
  });

  router.post('/users', requireUser, validate(api.addUser), async (req, res) => {
    const actor = signedIn(req);
    const body = req.body;
    const schoolId = body.schoolId ?? (actor.role === 'school-coordinator' ? actor.schoolId : undefined);
    allow(mayCreateUser(actor, { role: body.role, schoolId }), 'You may not add this user.');
    if (schoolId && !(await getSchool(store, schoolId))) throw problem('user.unknown_school', { field: 'schoolId' });
    await reserveFor(actor, 1);
    const user = await createUser(store, { ...body, schoolId });
    const sent = await sendAccountLink(store, config, mailer, user, 'invitation');
    res.status(201).json({ user: presentUser(user), invitation: presentInvitation(sent) });
  });

  router.post('/users/roster', requireUser, validate(api.roster), async (req, res) => {
    const actor = signedIn(req);
    const body = req.body;
    const schoolId = body.schoolId ?? (actor.role === 'school-coordinator' ? actor.schoolId : undefined);
    if (!schoolId)
      throw problem('request.invalid', { field: 'schoolId', values: { reason: 'Say which school the roster is for ("schoolId").' } });
    allow(mayCreateUser(actor, { role: 'teacher', schoolId }), 'You may not add teachers to this school.');
    if (!(await getSchool(store, schoolId))) throw problem('user.unknown_school', { field: 'schoolId' });
    const content = Buffer.from(body.content, 'base64');
    await checkRosterFile(content, body.format);
    const rows = await readRoster(content, body.format);
    if (rows.length > rosterLimits.rows) throw tooManyRows(rows.length);
    // Through the outbox's queue (the answer does not wait for the mail), within the sender's daily cap.
    const result = await importRoster(
      store,
      rows,
      schoolId,
      (user) => sendAccountLink(store, config, mailer, user, 'invitation', true),
      (count) => reserveFor(actor, count),
    );
    res.status(result.added.length > 0 ? 201 : 200).json({
      added: result.added.map((a) => ({ line: a.line, user: presentUser(a.user) })),
      problems: result.problems,
    });
  });

  router.post('/users/:id/invitations', requireUser, validate(api.invite), async (req, res) => {
    const actor = signedIn(req);
    const user = await findUserById(store, req.params.id);
    if (!user) throw problem('user.not_found', { field: 'id', values: { who: 'user' } });
    allow(mayManageUser(actor, user), 'You may not invite this user.');
    if (!user.active) throw problem('user.inactive', { field: 'id' });
    await reserveFor(actor, 1);
    const sent = await sendAccountLink(store, config, mailer, user, 'invitation');
    res.status(201).json({ invitation: presentInvitation(sent) });
  });

  router.patch('/users/:id', requireUser, validate(api.changeUser), async (req, res) => {
    const actor = signedIn(req);
    const body = req.body;
    const user = await findUserById(store, req.params.id);
    if (!user) throw problem('user.not_found', { field: 'id', values: { who: 'user' } });
    allow(mayManageUser(actor, user), 'You may not change this user.');
    res.json({ user: presentUser(await updateUser(store, user._id, body)) });
  });

  return router;
}
