// The coordinators' campaign API over real HTTP on the real app and a temp embedded store: the
// lifecycle plan → open → answer → close → reopen (and closing by the clock through the jobs), date
// validation, links before, during and after their days, QR codes that decode to the link, posters
// that open and name the school and link, response rates, and the audit log.
import { atInstant } from '../../server/clock';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import request from 'supertest';
import { addDays } from '../../server/campaigns/dates';
import { dayIn } from '../../server/calendar';
import { responsesCollection } from '../../server/responses/data';
import { validParentAnswers } from '../support/answers';
import { startMeraWithSchools } from '../support/mera';
import { campaignWorker } from '../support/worker';

const adminToken = 'admin-token-for-campaign-tests-0123456789';
let mera: Awaited<ReturnType<typeof startMeraWithSchools>>;
beforeAll(async () => {
  mera = await startMeraWithSchools({ config: { adminToken, publicUrl: 'https://mera.example.org' } });
});
afterAll(() => mera.close());

const auth = { Authorization: `Bearer ${adminToken}` };
const api = {
  get: (url: string) => request(mera.app).get(url).set(auth),
  post: (url: string, body: object = {}) => request(mera.app).post(url).set(auth).send(body),
  patch: (url: string, body: object) => request(mera.app).patch(url).set(auth).send(body),
};
/** Reads a binary answer (PNG, PDF) whole. */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream; // superagent hands the raw response here
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

const today = () => dayIn(mera.config.timeZone, new Date());

function plan(overrides: Record<string, unknown> = {}) {
  return {
    instrumentId: 'parent-survey',
    instrumentVersion: 2,
    audience: 'parents',
    schoolIds: mera.schoolIds.slice(0, 3),
    opensOn: today(),
    closesOn: addDays(today(), 14),
    responsible: { name: 'Ирина Петровна Смирнова' },
    targets: { [mera.schoolIds[0]]: 20 },
    ...overrides,
  };
}

/** Plans and opens a campaign; returns it and its links. */
async function openedCampaign(overrides: Record<string, unknown> = {}) {
  const created = await api.post('/api/campaigns', plan(overrides)).expect(201);
  await api.post(`/api/campaigns/${created.body.id}/open`).expect(200);
  const links = (await api.get(`/api/campaigns/${created.body.id}/links`).expect(200)).body.links as {
    id: string;
    schoolId: string;
    className: string | null;
    url: string;
    school: { name: { default: string } };
  }[];
  return { campaign: created.body, links, tokenOf: (i: number) => links[i].url.split('/s/')[1] };
}

test('campaign routes need the administrator token', async () => {
  const res = await request(mera.app).get('/api/campaigns').expect(401);
  expect(res.body.error).toMatchObject({ code: 'admin.unauthorised', field: 'authorization' });
  await request(mera.app).post('/api/campaigns').send(plan()).expect(401);
});

test("the lifecycle: plan, open, answer by the link, follow, close, see the closed page's data, reopen, answer again", async () => {
  const created = await api.post('/api/campaigns', plan()).expect(201);
  expect(created.body).toMatchObject({ status: 'planned', audience: 'parents', revision: 1 });
  const id = created.body.id;
  expect((await api.get(`/api/campaigns/${id}/links`).expect(200)).body.links).toEqual([]);

  const opened = await api.post(`/api/campaigns/${id}/open`).expect(200);
  expect(opened.body.status).toBe('open');
  const { links } = (await api.get(`/api/campaigns/${id}/links`).expect(200)).body;
  expect(links.map((l: { schoolId: string }) => l.schoolId).sort()).toEqual(mera.schoolIds.slice(0, 3).sort());
  const first = links.find((l: { schoolId: string }) => l.schoolId === mera.schoolIds[0]);
  const token = first.url.split('/s/')[1];
  expect(first.url).toMatch(/^https:\/\/mera\.example\.org\/s\/[A-Za-z0-9_-]{24}$/);

  await request(mera.app).get(`/api/links/${token}`).expect(200);
  await request(mera.app).post(`/api/links/${token}/responses`).send({ answers: validParentAnswers() }).expect(201);
  const rates = (await api.get(`/api/campaigns/${id}/response-rates`).expect(200)).body;
  expect(rates.schools.find((s: { schoolId: string }) => s.schoolId === mera.schoolIds[0])).toMatchObject({
    answers: 1,
    target: 20,
    rate: 5,
  });
  expect(rates.total).toEqual({ answers: 1, target: null, rate: null });

  const closed = await api.post(`/api/campaigns/${id}/close`).expect(200);
  expect(closed.body).toMatchObject({ status: 'closed', closedOn: today() });
  const gone = await request(mera.app).get(`/api/links/${token}`).expect(410);
  expect(gone.body.error).toMatchObject({ code: 'campaign.closed', details: { title: created.body.title, closedOn: today() } });
  await request(mera.app).post(`/api/links/${token}/responses`).send({ answers: validParentAnswers() }).expect(410);
  await api.patch(`/api/campaigns/${id}`, { closesOn: addDays(today(), 20), revision: closed.body.revision }).expect(409);

  const reopened = await api.post(`/api/campaigns/${id}/reopen`, { closesOn: addDays(today(), 21) }).expect(200);
  expect(reopened.body).toMatchObject({ status: 'open', closesOn: addDays(today(), 21), closedOn: null });
  await request(mera.app).post(`/api/links/${token}/responses`).send({ answers: validParentAnswers() }).expect(201);
  expect((await api.get(`/api/campaigns/${id}/response-rates`).expect(200)).body.schools[0]).toMatchObject({ answers: 2, rate: 10 });

  const audit = (await api.get(`/api/campaigns/${id}/audit`).expect(200)).body.entries;
  expect(audit.map((e: { action: string }) => e.action)).toEqual(['created', 'opened', 'closed', 'reopened']);
  expect(audit.every((e: { actor: unknown }) => JSON.stringify(e.actor) === '{"kind":"administrator"}')).toBe(true);
  const latest = (await api.get('/api/campaigns/audit?limit=4').expect(200)).body.entries;
  expect(latest.map((e: { campaignId: string; action: string }) => [e.campaignId, e.action])).toEqual([
    [id, 'reopened'],
    [id, 'closed'],
    [id, 'opened'],
    [id, 'created'],
  ]);
  await api.get('/api/campaigns/audit?limit=0').expect(400);
  expect(audit[3].changes).toEqual(
    expect.arrayContaining([
      { field: 'status', before: 'closed', after: 'open' },
      { field: 'closesOn', before: addDays(today(), 14), after: addDays(today(), 21) },
    ]),
  );
});

test('at the end of the closing day the jobs close the campaign, and its links then answer 410', async () => {
  const { campaign, tokenOf } = await openedCampaign({ closesOn: addDays(today(), 2) });
  const worker = campaignWorker({ store: mera.store, config: mera.config, log: () => undefined });
  await atInstant(new Date(campaign.closesAt), () => worker.runDue());
  expect((await api.get(`/api/campaigns/${campaign.id}`).expect(200)).body).toMatchObject({
    status: 'closed',
    closedOn: addDays(today(), 2),
  });
  const res = await request(mera.app)
    .get(`/api/links/${tokenOf(0)}`)
    .expect(410);
  expect(res.body.error.details).toEqual({ title: campaign.title, closedOn: addDays(today(), 2) });
  const audit = (await api.get(`/api/campaigns/${campaign.id}/audit`).expect(200)).body.entries;
  expect(audit.at(-1)).toMatchObject({ action: 'closed', actor: { kind: 'system', reason: 'closing-date' } });
});

test('a link before its opening day says when the survey opens and takes no answer', async () => {
  const { tokenOf } = await openedCampaign({ opensOn: addDays(today(), 3), closesOn: addDays(today(), 10) });
  const res = await request(mera.app)
    .get(`/api/links/${tokenOf(0)}`)
    .expect(403);
  expect(res.body.error).toMatchObject({ code: 'campaign.not_open', details: { opensOn: addDays(today(), 3) } });
  const before = await mera.store.collection(responsesCollection).countDocuments({});
  await request(mera.app)
    .post(`/api/links/${tokenOf(0)}/responses`)
    .send({ answers: validParentAnswers() })
    .expect(403);
  expect(await mera.store.collection(responsesCollection).countDocuments({})).toBe(before);
});

describe('bad plans get a 400 naming the field and store nothing', () => {
  const cases: [string, () => Record<string, unknown>, string][] = [
    ['closing before opening', () => plan({ opensOn: addDays(today(), 5), closesOn: addDays(today(), 4) }), 'closesOn'],
    ['a closing day already past', () => plan({ opensOn: addDays(today(), -10), closesOn: addDays(today(), -1) }), 'closesOn'],
    ['a day that does not exist', () => plan({ opensOn: '2026-02-30' }), 'opensOn'],
    ['a day written another way', () => plan({ closesOn: '30.11.2026' }), 'closesOn'],
    ['no schools', () => plan({ schoolIds: [] }), 'schoolIds'],
    ['an unknown school', () => plan({ schoolIds: ['nope'] }), 'schoolIds'],
    ['an audience the instrument does not ask', () => plan({ audience: 'students' }), 'audience'],
    ['an unknown audience', () => plan({ audience: 'grandparents' }), 'audience'],
    ['a field campaigns do not have', () => plan({ budget: 5 }), 'budget'],
    ['no responsible person', () => plan({ responsible: {} }), 'responsible'],
    ['a target that is not a whole number', () => plan({ targets: { [mera.schoolIds[0]]: 2.5 } }), 'targets.<first school>'],
  ];
  test.each(cases)('%s', async (_what, body, expectedField) => {
    const field = expectedField.replace('<first school>', mera.schoolIds[0]);
    const before = (await api.get('/api/campaigns').expect(200)).body.campaigns.length;
    const res = await api.post('/api/campaigns', body()).expect(400);
    expect(res.body.error).toMatchObject({ code: 'campaign.invalid', field });
    expect(res.body.error.message).toEqual(expect.any(String));
    expect((await api.get('/api/campaigns').expect(200)).body.campaigns.length).toBe(before);
  });
});

test('a change to a plan is saved and recorded field by field; a bad change is refused', async () => {
  const created = (await api.post('/api/campaigns', plan()).expect(201)).body;
  await api.patch(`/api/campaigns/${created.id}`, { closesOn: addDays(today(), -1), revision: created.revision }).expect(400);
  const res = await api
    .patch(`/api/campaigns/${created.id}`, {
      targets: { [mera.schoolIds[0]]: 25 },
      title: { default: 'Опрос родителей, весна', en: 'Parent survey, spring' },
      revision: created.revision,
    })
    .expect(200);
  expect(res.body).toMatchObject({ revision: 2, targets: { [mera.schoolIds[0]]: 25 }, title: { default: 'Опрос родителей, весна' } });
  const audit = (await api.get(`/api/campaigns/${created.id}/audit`).expect(200)).body.entries;
  expect(audit[1].changes).toEqual(
    expect.arrayContaining([
      { field: `targets.${mera.schoolIds[0]}`, before: 20, after: 25 },
      { field: 'title.default', before: expect.any(String), after: 'Опрос родителей, весна' },
    ]),
  );
  await api.get('/api/campaigns/no-such-campaign').expect(404);
});

test('the list filters by status, school and instrument', async () => {
  const created = (await api.post('/api/campaigns', plan({ schoolIds: [mera.schoolIds[8]], targets: {} })).expect(201)).body;
  const bySchool = (await api.get(`/api/campaigns?schoolId=${mera.schoolIds[8]}&status=planned`).expect(200)).body.campaigns;
  expect(bySchool.map((c: { id: string }) => c.id)).toContain(created.id);
  expect(
    bySchool.every((c: { schoolIds: string[]; status: string }) => c.schoolIds.includes(mera.schoolIds[8]) && c.status === 'planned'),
  ).toBe(true);
  expect((await api.get('/api/campaigns?instrumentId=school-checklist').expect(200)).body.campaigns).toEqual([]);
  // The calendar asks for the campaigns running in a month: those overlapping its days.
  const inWindow = (await api.get(`/api/campaigns?from=${addDays(today(), 14)}&to=${addDays(today(), 40)}`).expect(200)).body.campaigns;
  expect(inWindow.map((c: { id: string }) => c.id)).toContain(created.id);
  expect(
    inWindow.every((c: { opensOn: string; closesOn: string }) => c.closesOn >= addDays(today(), 14) && c.opensOn <= addDays(today(), 40)),
  ).toBe(true);
  expect(
    (await api.get(`/api/campaigns?from=${addDays(today(), 15)}`).expect(200)).body.campaigns.map((c: { id: string }) => c.id),
  ).not.toContain(created.id);
  await api.get('/api/campaigns?status=lost').expect(400);
});

test("a link's QR code (PNG) decodes to the link, and its SVG is an SVG image", async () => {
  const { campaign, links } = await openedCampaign();
  const png = await api
    .get(`/api/campaigns/${campaign.id}/links/${links[0].id}/qr.png`)
    .buffer(true)
    .parse(binary)
    .expect(200)
    .expect('Content-Type', 'image/png');
  const image = PNG.sync.read(png.body as Buffer);
  const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  expect(decoded?.data).toBe(links[0].url);
  const svg = await api
    .get(`/api/campaigns/${campaign.id}/links/${links[0].id}/qr.svg`)
    .buffer(true)
    .parse(binary)
    .expect(200)
    .expect('Content-Type', /image\/svg\+xml/);
  expect((svg.body as Buffer).toString()).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  await api.get(`/api/campaigns/${campaign.id}/links/000000000000000000000000/qr.png`).expect(404);
});

test("a link's poster is a one-page A4 PDF in Russian naming the school, the class, the survey, the link and the days", async () => {
  const school = mera.schoolIds[1];
  const { campaign, links } = await openedCampaign({
    classes: { [school]: ['5А', '5Б'] },
    title: { default: 'Родители 5-х, внутренняя кампания', en: 'Parents of year 5, internal' },
  });
  expect(
    links
      .filter((l) => l.schoolId === school)
      .map((l) => l.className)
      .sort(),
  ).toEqual(['5А', '5Б']);
  expect(links.filter((l) => l.schoolId !== school).every((l) => l.className === null)).toBe(true);
  const link = links.find((l) => l.className === '5А')!;
  const res = await api
    .get(`/api/campaigns/${campaign.id}/links/${link.id}/poster.pdf`)
    .buffer(true)
    .parse(binary)
    .expect(200)
    .expect('Content-Type', 'application/pdf');
  const pdf = res.body as Buffer;
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const out = execFileSync(process.execPath, [path.join(__dirname, '../support/pdf-text.mjs')], { input: pdf });
  const { pages, text } = JSON.parse(out.toString()) as { pages: number; text: string };
  expect(pages).toBe(1);
  expect(text).toContain(link.school.name.default);
  expect(text).toContain('Класс 5А');
  expect(text).toContain('Уважаемые родители!');
  expect(text).toContain(link.url);
  // The survey's public title, not the coordinators' name for the campaign (issue 26, item 8).
  expect(text.replace(/\s+/g, ' ')).toContain('Анкета для родителей: оценивание образовательных результатов и цифровые инструменты');
  expect(text.replace(/\s+/g, ' ')).not.toContain(campaign.title.default);
});

test('response rates show counts per school only, never who answered', async () => {
  const { campaign, tokenOf } = await openedCampaign();
  await request(mera.app)
    .post(`/api/links/${tokenOf(0)}/responses`)
    .send({ answers: validParentAnswers() })
    .expect(201);
  const rates = (await api.get(`/api/campaigns/${campaign.id}/response-rates`).expect(200)).body;
  expect(Object.keys(rates).sort()).toEqual(['campaignId', 'classes', 'schools', 'total']);
  expect(rates.classes).toEqual([]); // no links per class in this campaign (tests/api/campaigns-class-rates.test.ts has them)
  for (const row of rates.schools)
    expect(Object.keys(row).sort()).toEqual(['answers', 'number', 'rate', 'schoolId', 'shortName', 'target']);
  expect(rates.schools.reduce((n: number, s: { answers: number }) => n + s.answers, 0)).toBe(1);
});
