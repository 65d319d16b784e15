// The role × endpoint matrix: every API route, asked by everyone who might ask it — nobody
// signed in, the administrator API token, each role, a school coordinator asking about another
// school's things, a teacher asking about a colleague's — with the status each must get.
// A route added to the app without a row here fails the first test: add one line to `matrix`.
import request from 'supertest';
import type { User } from '../../server/accounts/data';
import { testConfig } from '../../server/config';
import { schoolsCollection } from '../../server/schools/data';
import { Browser, browser, makeUser, signedInBrowser } from '../support/accounts';
import { seededToken, startMera, TestMera } from '../support/mera';
import { listRoutes } from '../support/routes';
import { validParentAnswers } from '../support/answers';
import { parentPlan } from '../support/campaigns';
import { dayIn } from '../../server/calendar';
import { addDays } from '../../server/campaigns/dates';
import { createCampaign } from '../../server/campaigns/planning';
import { linksCollection } from '../../server/campaigns/data';
import { linkSecret, linkToken } from '../../server/campaigns/links';

const TOKEN = 'a-long-administrator-token-for-the-matrix';

type Actor =
  | 'anonymous'
  | 'token'
  | 'administrator'
  | 'cluster-coordinator'
  | 'school-coordinator'
  | 'teacher'
  /** A school coordinator of school B, asking about school A's things. */
  | 'other-school-coordinator'
  /** A teacher of school A, asking about another teacher's (the `teacher`'s) things. */
  | 'colleague';

type BaseActor = 'anonymous' | 'token' | 'administrator' | 'cluster-coordinator' | 'school-coordinator' | 'teacher';

interface Ctx {
  schoolA: string;
  schoolB: string;
  /** The acting teacher of school A (whose own things `colleague` asks about). */
  teacher: User;
  /** Another teacher of school A, the object of user-management routes. */
  managed: User;
  linkToken: string;
  /** An open campaign of the teacher's diagnostic. */
  diagnosticCampaignId: string;
  /** A planned campaign of school A alone (its coordinator runs it). */
  schoolCampaignId: string;
  /** The seeded open parent survey of every school, and its link for school A. */
  clusterCampaignId: string;
  linkA: string;
  /** An open checklist (a school's own form) of every school, and school A's link to it. */
  formCampaignId: string;
  formToken: string;
  /** A fresh value per call (unique e-mails). */
  unique: () => string;
}

interface Call {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  body?: object;
}

interface Row {
  /** As the router declares it: "METHOD /api/path/:param". */
  route: string;
  call: (ctx: Ctx) => Call;
  /** The status each actor gets; every base actor is required, the two cross actors where they mean something. */
  expect: Record<BaseActor, number> & Partial<Record<Actor, number>>;
}

const everyone = (status: number, overrides: Partial<Record<Actor, number>> = {}): Row['expect'] => ({
  anonymous: status,
  token: status,
  administrator: status,
  'cluster-coordinator': status,
  'school-coordinator': status,
  teacher: status,
  ...overrides,
});

const matrix: Row[] = [
  // Public: health, the respondent's link and submission, the catalogue, schools, demo.
  { route: 'GET /api/health', call: () => ({ method: 'get', path: '/api/health' }), expect: everyone(200) },
  { route: 'GET /api/openapi.json', call: () => ({ method: 'get', path: '/api/openapi.json' }), expect: everyone(200) },
  { route: 'GET /api/links/:token', call: (c) => ({ method: 'get', path: `/api/links/${c.linkToken}` }), expect: everyone(200) },
  {
    route: 'POST /api/links/:token/responses',
    call: (c) => ({ method: 'post', path: `/api/links/${c.linkToken}/responses`, body: { answers: validParentAnswers() } }),
    expect: everyone(201),
  },
  { route: 'GET /api/instruments', call: () => ({ method: 'get', path: '/api/instruments' }), expect: everyone(200) },
  { route: 'GET /api/instruments/:id', call: () => ({ method: 'get', path: '/api/instruments/parent-survey' }), expect: everyone(200) },
  {
    route: 'GET /api/instruments/:id/versions/:version',
    call: () => ({ method: 'get', path: '/api/instruments/parent-survey/versions/1' }),
    expect: everyone(200),
  },
  { route: 'GET /api/schools', call: () => ({ method: 'get', path: '/api/schools' }), expect: everyone(200) },
  { route: 'GET /api/demo', call: () => ({ method: 'get', path: '/api/demo' }), expect: everyone(200) },
  // Administrator only (an empty body: past authorisation it is a 400, so no instrument is made).
  {
    route: 'POST /api/instruments',
    call: () => ({ method: 'post', path: '/api/instruments', body: {} }),
    expect: everyone(403, { anonymous: 401, token: 400, administrator: 400 }),
  },
  {
    route: 'POST /api/instruments/check',
    // A check stores nothing: past authorisation it answers 200 with the problems it found.
    call: () => ({ method: 'post', path: '/api/instruments/check', body: {} }),
    expect: everyone(403, { anonymous: 401, token: 200, administrator: 200 }),
  },

  // The session. The API token has no session: its session-changing requests lack a CSRF token.
  { route: 'GET /api/session', call: () => ({ method: 'get', path: '/api/session' }), expect: everyone(200) },
  {
    route: 'POST /api/session',
    call: (c) => ({ method: 'post', path: '/api/session', body: { email: `${c.unique()}@nowhere.test`, password: 'wrong password' } }),
    expect: everyone(401, { token: 403 }),
  },
  { route: 'DELETE /api/session', call: () => ({ method: 'delete', path: '/api/session' }), expect: everyone(204, { token: 403 }) },
  { route: 'GET /api/demo-accounts', call: () => ({ method: 'get', path: '/api/demo-accounts' }), expect: everyone(200) },
  { route: 'GET /api/first-run', call: () => ({ method: 'get', path: '/api/first-run' }), expect: everyone(200) },
  {
    route: 'POST /api/first-run',
    call: (c) => ({
      method: 'post',
      path: '/api/first-run',
      body: { email: `${c.unique()}@nowhere.test`, password: 'first admin passphrase' },
    }),
    expect: everyone(409, { token: 403 }),
  },
  {
    route: 'GET /api/account-tokens/:token',
    call: () => ({ method: 'get', path: `/api/account-tokens/${'A'.repeat(43)}` }),
    expect: everyone(404),
  },
  {
    route: 'POST /api/account-tokens/:token/password',
    call: () => ({ method: 'post', path: `/api/account-tokens/${'A'.repeat(43)}/password`, body: { password: 'a fine passphrase' } }),
    expect: everyone(404, { token: 403 }),
  },
  {
    route: 'POST /api/password-resets',
    call: (c) => ({ method: 'post', path: '/api/password-resets', body: { email: `${c.unique()}@nowhere.test` } }),
    expect: everyone(202, { token: 403 }),
  },
  {
    route: 'PATCH /api/account',
    call: () => ({ method: 'patch', path: '/api/account', body: { locale: 'ru' } }),
    expect: everyone(200, { anonymous: 401, token: 400 }),
  },

  // Users: administrators everywhere, cluster coordinators every school, school coordinators their own.
  {
    route: 'GET /api/users',
    call: (c) => ({ method: 'get', path: `/api/users?schoolId=${c.schoolA}` }),
    expect: everyone(200, { anonymous: 401, teacher: 403, 'other-school-coordinator': 403, colleague: 403 }),
  },
  {
    route: 'POST /api/users',
    call: (c) => ({
      method: 'post',
      path: '/api/users',
      body: { email: `${c.unique()}@school.test`, role: 'teacher', schoolId: c.schoolA },
    }),
    expect: everyone(201, { anonymous: 401, teacher: 403, 'other-school-coordinator': 403, colleague: 403 }),
  },
  {
    route: 'POST /api/users/roster',
    call: (c) => ({
      method: 'post',
      path: '/api/users/roster',
      body: {
        format: 'csv',
        schoolId: c.schoolA,
        content: Buffer.from(`Имя ${c.unique()},${c.unique()}@school.test,История,нет\n`).toString('base64'),
      },
    }),
    expect: everyone(201, { anonymous: 401, teacher: 403, 'other-school-coordinator': 403, colleague: 403 }),
  },
  {
    route: 'PATCH /api/users/:id',
    call: (c) => ({ method: 'patch', path: `/api/users/${c.managed._id}`, body: { active: true } }),
    expect: everyone(200, { anonymous: 401, teacher: 403, 'other-school-coordinator': 403, colleague: 403 }),
  },
  {
    route: 'POST /api/users/:id/invitations',
    call: (c) => ({ method: 'post', path: `/api/users/${c.managed._id}/invitations`, body: {} }),
    expect: everyone(201, { anonymous: 401, teacher: 403, 'other-school-coordinator': 403, colleague: 403 }),
  },

  // The teacher's own diagnostics and profile (`colleague` asks about `teacher`'s profile).
  {
    route: 'GET /api/my/diagnostics',
    call: () => ({ method: 'get', path: '/api/my/diagnostics' }),
    expect: everyone(403, { anonymous: 401, teacher: 200 }),
  },
  {
    route: 'GET /api/my/diagnostics/:campaignId',
    call: (c) => ({ method: 'get', path: `/api/my/diagnostics/${c.diagnosticCampaignId}` }),
    expect: everyone(403, { anonymous: 401, teacher: 200 }),
  },
  {
    route: 'PUT /api/my/diagnostics/:campaignId/draft',
    call: (c) => ({ method: 'put', path: `/api/my/diagnostics/${c.diagnosticCampaignId}/draft`, body: { answers: { e_planning_1: 2 } } }),
    expect: everyone(403, { anonymous: 401, teacher: 200 }),
  },
  // An empty answer set: past authorisation it is a 400, so nothing is submitted.
  {
    route: 'POST /api/my/diagnostics/:campaignId/submission',
    call: (c) => ({ method: 'post', path: `/api/my/diagnostics/${c.diagnosticCampaignId}/submission`, body: { answers: {} } }),
    expect: everyone(403, { anonymous: 401, teacher: 400 }),
  },
  { route: 'GET /api/my/tasks', call: () => ({ method: 'get', path: '/api/my/tasks' }), expect: everyone(200, { anonymous: 401 }) },
  {
    route: 'GET /api/my/profile',
    call: () => ({ method: 'get', path: '/api/my/profile' }),
    expect: everyone(403, { anonymous: 401, teacher: 200 }),
  },
  {
    route: 'GET /api/my/profile.pdf',
    call: () => ({ method: 'get', path: '/api/my/profile.pdf' }),
    expect: everyone(403, { anonymous: 401, teacher: 200 }),
  },
  {
    route: 'PATCH /api/my/profile',
    call: () => ({ method: 'patch', path: '/api/my/profile', body: { shareWithCoordinator: false } }),
    expect: everyone(403, { anonymous: 401, teacher: 200 }),
  },
  {
    route: 'GET /api/users/:id/profile',
    call: (c) => ({ method: 'get', path: `/api/users/${c.teacher._id}/profile` }),
    // Not shared: only the teacher and administrators.
    expect: everyone(403, {
      anonymous: 401,
      token: 200,
      administrator: 200,
      teacher: 200,
      'other-school-coordinator': 403,
      colleague: 403,
    }),
  },

  // Campaigns: administrators and cluster coordinators every campaign; a school coordinator
  // campaigns of their school alone (runs them) or including it (reads them, only its links).
  // Changes carry a bad body: past authorisation they are a 400, so nothing changes.
  {
    route: 'GET /api/campaigns',
    call: () => ({ method: 'get', path: '/api/campaigns' }),
    expect: everyone(200, { anonymous: 401, teacher: 403, 'other-school-coordinator': 200 }),
  },
  {
    route: 'POST /api/campaigns',
    call: () => ({ method: 'post', path: '/api/campaigns', body: {} }),
    expect: everyone(400, { anonymous: 401, teacher: 403, 'other-school-coordinator': 400 }),
  },
  {
    route: 'GET /api/campaigns/audit',
    call: () => ({ method: 'get', path: '/api/campaigns/audit' }),
    expect: everyone(403, { anonymous: 401, token: 200, administrator: 200 }),
  },
  ...(['get', 'patch'] as const).map((method): Row => ({
    route: `${method.toUpperCase()} /api/campaigns/:id`,
    call: (c) => ({ method, path: `/api/campaigns/${c.schoolCampaignId}`, ...(method === 'patch' ? { body: {} } : {}) }),
    expect: everyone(method === 'get' ? 200 : 400, { anonymous: 401, teacher: 403, 'other-school-coordinator': 403 }),
  })),
  ...(['open', 'close', 'reopen'] as const).map((action): Row => ({
    route: `POST /api/campaigns/:id/${action}`,
    call: (c) => ({ method: 'post', path: `/api/campaigns/${c.schoolCampaignId}/${action}`, body: { unexpected: true } }),
    expect: everyone(400, { anonymous: 401, teacher: 403, 'other-school-coordinator': 403 }),
  })),
  {
    route: 'GET /api/campaigns/:id/links',
    call: (c) => ({ method: 'get', path: `/api/campaigns/${c.clusterCampaignId}/links` }),
    expect: everyone(200, { anonymous: 401, teacher: 403, 'other-school-coordinator': 200 }),
  },
  ...(['qr.png', 'qr.svg', 'poster.pdf'] as const).map((file): Row => ({
    route: `GET /api/campaigns/:id/links/:linkId/${file}`,
    call: (c) => ({ method: 'get', path: `/api/campaigns/${c.clusterCampaignId}/links/${c.linkA}/${file}` }),
    expect: everyone(200, { anonymous: 401, teacher: 403, 'other-school-coordinator': 403 }),
  })),
  {
    route: 'GET /api/campaigns/:id/response-rates',
    call: (c) => ({ method: 'get', path: `/api/campaigns/${c.clusterCampaignId}/response-rates` }),
    expect: everyone(200, { anonymous: 401, teacher: 403, 'other-school-coordinator': 200 }),
  },
  {
    route: 'GET /api/campaigns/:id/audit',
    call: (c) => ({ method: 'get', path: `/api/campaigns/${c.schoolCampaignId}/audit` }),
    expect: everyone(200, { anonymous: 401, teacher: 403, 'other-school-coordinator': 403 }),
  },

  // Results: administrators and cluster coordinators everything, a school coordinator their school's.
  {
    route: 'GET /api/results/campaigns/:id',
    call: (c) => ({ method: 'get', path: `/api/results/campaigns/${c.clusterCampaignId}?school=${c.schoolA}` }),
    expect: everyone(200, { anonymous: 401, teacher: 403, 'other-school-coordinator': 403 }),
  },
  {
    route: 'GET /api/results/campaigns/:id/questions',
    call: (c) => ({ method: 'get', path: `/api/results/campaigns/${c.clusterCampaignId}/questions?school=${c.schoolA}` }),
    expect: everyone(200, { anonymous: 401, teacher: 403, 'other-school-coordinator': 403 }),
  },
  // A school's own form: filled in by its coordinator (and working group), read by the cluster.
  // Changes carry a body refused past authorisation (a stale draft, no answers, an unknown member).
  ...(['GET /api/school-forms/link/:token', 'GET /api/school-forms/:campaignId/:schoolId'] as const).map((route): Row => ({
    route,
    call: (c) => ({
      method: 'get',
      path: route.includes('link') ? `/api/school-forms/link/${c.formToken}` : `/api/school-forms/${c.formCampaignId}/${c.schoolA}`,
    }),
    expect: everyone(200, { anonymous: 401, teacher: 403, 'other-school-coordinator': 403, colleague: 403 }),
  })),
  {
    route: 'GET /api/school-forms/:campaignId/changes',
    call: (c) => ({ method: 'get', path: `/api/school-forms/${c.formCampaignId}/changes` }),
    expect: everyone(200, { anonymous: 401 }),
  },
  {
    route: 'PUT /api/school-forms/:campaignId/:schoolId/draft',
    call: (c) => ({ method: 'put', path: `/api/school-forms/${c.formCampaignId}/${c.schoolA}/draft`, body: { answers: {}, basedOn: 999 } }),
    expect: everyone(403, { anonymous: 401, 'school-coordinator': 409 }),
  },
  {
    route: 'POST /api/school-forms/:campaignId/:schoolId/revisions',
    call: (c) => ({
      method: 'post',
      path: `/api/school-forms/${c.formCampaignId}/${c.schoolA}/revisions`,
      body: { answers: {}, basedOn: 0 },
    }),
    expect: everyone(403, { anonymous: 401, 'school-coordinator': 400 }),
  },
  {
    route: 'POST /api/school-forms/:campaignId/:schoolId/reopen',
    call: (c) => ({ method: 'post', path: `/api/school-forms/${c.formCampaignId}/${c.schoolA}/reopen`, body: {} }),
    expect: everyone(409, { anonymous: 401, 'school-coordinator': 403, teacher: 403, 'other-school-coordinator': 403 }),
  },
  {
    route: 'GET /api/school-forms/:campaignId/:schoolId/group',
    call: (c) => ({ method: 'get', path: `/api/school-forms/${c.formCampaignId}/${c.schoolA}/group` }),
    expect: everyone(200, { anonymous: 401, teacher: 403, 'other-school-coordinator': 403 }),
  },
  {
    route: 'PUT /api/school-forms/:campaignId/:schoolId/group',
    call: (c) => ({ method: 'put', path: `/api/school-forms/${c.formCampaignId}/${c.schoolA}/group`, body: { userIds: ['nobody'] } }),
    expect: everyone(400, { anonymous: 401, teacher: 403, 'other-school-coordinator': 403 }),
  },
  {
    route: 'GET /api/results/campaigns',
    call: () => ({ method: 'get', path: '/api/results/campaigns' }),
    expect: everyone(200, { anonymous: 401, teacher: 403 }),
  },
  ...(['csv', 'xlsx'] as const).map((format): Row => ({
    route: `GET /api/results/campaigns/:id/indicators.${format}`,
    call: (c) => ({ method: 'get', path: `/api/results/campaigns/${c.clusterCampaignId}/indicators.${format}?school=${c.schoolA}` }),
    expect: everyone(200, { anonymous: 401, teacher: 403, 'other-school-coordinator': 403 }),
  })),
  ...(['csv', 'xlsx'] as const).map((format): Row => ({
    route: `GET /api/results/campaigns/:id/responses.${format}`,
    call: (c) => ({ method: 'get', path: `/api/results/campaigns/${c.clusterCampaignId}/responses.${format}?school=${c.schoolA}` }),
    expect: everyone(200, { anonymous: 401, teacher: 403, 'other-school-coordinator': 403 }),
  })),
  {
    route: 'GET /api/results/campaigns/:id/report.pdf',
    call: (c) => ({ method: 'get', path: `/api/results/campaigns/${c.clusterCampaignId}/report.pdf?school=${c.schoolA}` }),
    expect: everyone(200, { anonymous: 401, teacher: 403, 'other-school-coordinator': 403 }),
  },

  // The criteria table names the schools missing each indicator: cluster-wide readers only.
  ...(['', '/table.csv', '/table.xlsx', '/report.pdf'] as const).map((file): Row => ({
    route: `GET /api/framework${file || ''}`,
    call: () => ({ method: 'get', path: `/api/framework${file}` }),
    expect: everyone(403, { anonymous: 401, token: 200, administrator: 200, 'cluster-coordinator': 200 }),
  })),
];

let mera: TestMera;
let ctx: Ctx;
const emails: Record<Exclude<Actor, 'anonymous' | 'token'>, string> = {
  administrator: 'admin@cluster.test',
  'cluster-coordinator': 'cluster@cluster.test',
  'school-coordinator': 'coordinator.a@school.test',
  teacher: 'teacher.a@school.test',
  'other-school-coordinator': 'coordinator.b@school.test',
  colleague: 'colleague.a@school.test',
};
const browsers = new Map<Actor, Browser>();

beforeAll(async () => {
  mera = await startMera({
    seed: true,
    config: { adminToken: TOKEN, accounts: { ...testConfig().accounts, loginLimitPerAddress: 10_000 } },
  });
  const [a, b] = await mera.store.collection(schoolsCollection).find({}, { sort: { number: 1 }, limit: 2 });
  await makeUser(mera.store, emails.administrator, 'administrator');
  await makeUser(mera.store, emails['cluster-coordinator'], 'cluster-coordinator');
  await makeUser(mera.store, emails['school-coordinator'], 'school-coordinator', a._id);
  await makeUser(mera.store, emails['other-school-coordinator'], 'school-coordinator', b._id);
  const teacher = await makeUser(mera.store, emails.teacher, 'teacher', a._id);
  await makeUser(mera.store, emails.colleague, 'teacher', a._id);
  const managed = await makeUser(mera.store, 'managed.a@school.test', 'teacher', a._id);
  let n = 0;
  const today = dayIn(mera.config.timeZone, new Date());
  const schoolCampaign = await createCampaign(mera.store, parentPlan([a._id], addDays(today, 10), addDays(today, 40)), {
    actor: { kind: 'administrator' },
    now: new Date(),
    timeZone: mera.config.timeZone,
  });
  const cluster = await seededToken(mera, 'parent-survey');
  const linkA = await mera.store.collection(linksCollection).findOne({ campaignId: cluster.campaignId, schoolId: a._id });
  const form = await seededToken(mera, 'school-checklist');
  const formLinkA = await mera.store.collection(linksCollection).findOne({ campaignId: form.campaignId, schoolId: a._id });
  ctx = {
    formCampaignId: form.campaignId,
    formToken: linkToken(await linkSecret(mera.store, mera.config.secret), formLinkA!._id),
    schoolCampaignId: schoolCampaign._id,
    clusterCampaignId: cluster.campaignId,
    linkA: linkA!._id,
    schoolA: a._id,
    schoolB: b._id,
    teacher,
    managed,
    linkToken: (await seededToken(mera, 'parent-survey')).token,
    diagnosticCampaignId: (await seededToken(mera, 'teacher-deficit')).campaignId,
    unique: () => `matrix-${++n}`,
  };
});
afterAll(() => mera.close());

async function ask(actor: Actor, call: Call) {
  if (actor === 'token') {
    const r = request(mera.app)[call.method](call.path).set('Authorization', `Bearer ${TOKEN}`);
    return call.body ? r.send(call.body) : r;
  }
  let b = browsers.get(actor);
  if (!b) {
    b = actor === 'anonymous' ? await browser(mera) : await signedInBrowser(mera, emails[actor]);
    browsers.set(actor, b);
  }
  const r = b.agent[call.method](call.path).set('x-csrf-token', b.csrf);
  const res = await (call.body ? r.send(call.body) : r);
  // Signing out ends this session: the next request signs in again.
  if (call.method === 'delete' && call.path === '/api/session') browsers.delete(actor);
  return res;
}

test('every API route of the app has a row in the matrix, and every row is a route of the app', () => {
  const routes = listRoutes(mera.app).filter((r) => r.split(' ')[1].startsWith('/api/'));
  const rows = matrix.map((r) => r.route);
  expect(routes.filter((r) => !rows.includes(r))).toEqual([]);
  expect(rows.filter((r) => !routes.includes(r))).toEqual([]);
});

describe.each(matrix)('$route', (row) => {
  const actors = Object.keys(row.expect) as Actor[];
  test.each(actors)('asked by %s answers as the matrix says', async (actor) => {
    const res = await ask(actor, row.call(ctx));
    expect({ actor, status: res.status, error: res.status >= 400 ? res.body?.error?.code : undefined }).toMatchObject({
      actor,
      status: row.expect[actor],
    });
  });
});
