// A school's forms as its official return, in real Chromium (issue 25): the form's link asks to sign
// in first and its anonymous submission is refused; two colleagues of the working group fill one
// draft (the later stale save sees the other's); a correction makes a revision and an audit entry and
// the indicator changes; after the campaign closes the cluster coordinator reopens one school's form;
// «1 300» is accepted; a change made while a slow draft save is on its way is saved after it.
// Phone (390 px) and desktop, axe on every page; screenshots in /tmp/shots-returns.
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/accounts/demo';
import { findUserByEmail } from '../../server/accounts/service';
import { auditCollection, linksCollection } from '../../server/campaigns/data';
import { closeCampaign, openCampaign } from '../../server/campaigns/launch';
import { linkSecret, linkToken } from '../../server/campaigns/links';
import { createCampaign } from '../../server/campaigns/planning';
import { addDays } from '../../server/campaigns/dates';
import { dayIn } from '../../server/calendar';
import { responsesCollection, schoolFormDraftsCollection, schoolFormRevisionsCollection } from '../../server/responses/data';
import { makeUser, PASSWORD } from '../support/accounts';
import { consistentFigure } from '../support/answers';
import { useSeededMeraInChromium } from '../support/e2e';
import { builtinInstruments } from '../support/instruments';
import { expectNoAxeViolations, signIn } from '../support/pages';
import { answerQuestion, answerWholeSurvey } from '../support/survey-driver';

const world = useSeededMeraInChromium();
const shots = '/tmp/shots-returns';
mkdirSync(shots, { recursive: true });

let schoolId: string;
let checklist: { id: string; token: string };
const title = 'Чек-лист школы, e2e';

/** A school form's campaign opened today for the demo coordinator's school, and that school's link token. */
async function formCampaign(instrumentId: string, name: string, extra: Record<string, unknown>) {
  const now = new Date();
  const today = dayIn(world.mera.config.timeZone, now);
  const ctx = { actor: { kind: 'administrator' as const }, now, timeZone: world.mera.config.timeZone };
  const planned = await createCampaign(
    world.mera.store,
    {
      title: { default: name, en: `${name} (en)` },
      instrumentId,
      instrumentVersion: builtinInstruments.find((c) => c.instrument.id === instrumentId)!.instrument.version,
      audience: 'school-coordinators',
      schoolIds: [schoolId],
      opensOn: today,
      closesOn: addDays(today, 30),
      responsible: { name: 'Ирина Кластерова' },
      ...extra,
    },
    ctx,
  );
  const secret = await linkSecret(world.mera.store, world.mera.config.secret);
  const opened = await openCampaign(world.mera.store, planned._id, { ...ctx, secret });
  const link = (await world.mera.store.collection(linksCollection).findOne({ campaignId: opened._id, schoolId }))!;
  return { id: opened._id, token: linkToken(secret, link._id) };
}

const contexts: BrowserContext[] = [];
async function pageOn(width: 390 | 1280): Promise<Page> {
  const context = await world.browser.newContext(
    width === 390 ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 900 } },
  );
  contexts.push(context);
  return context.newPage();
}
afterAll(async () => {
  for (const c of contexts) await c.close();
});

/** Picks a checklist item's answer by its position: «Да» 0, «Частично» 1, «Нет» 2. */
const choose = (page: Page, name: string, index: number) =>
  page.locator(`.sd-question[data-name="${name}"] .sd-item`).nth(index).locator('label').first().click();

beforeAll(async () => {
  const coordinator = (await findUserByEmail(world.mera.store, 'coordinator@demo.mera.local'))!;
  schoolId = coordinator.schoolId!;
  await makeUser(world.mera.store, 'wg.first@school.test', 'teacher', schoolId);
  await makeUser(world.mera.store, 'wg.second@school.test', 'teacher', schoolId);
  checklist = await formCampaign('school-checklist', title, { stage: 'october' });
});

test('the form behind the link asks to sign in first and comes back; an anonymous submission is refused and nothing stored', async () => {
  const page = await pageOn(390);
  await page.goto(`${world.baseUrl}/s/${checklist.token}`);
  await page.getByText('Это официальная отчётность школы').waitFor();
  // Sent from a browser that never signed in: refused with the catalogue's code.
  const refused = await page.evaluate(async (token) => {
    const res = await fetch(`/api/links/${token}/responses`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ answers: { int_e_planning: 'no' } }),
    });
    return { status: res.status, code: (await res.json()).error.code };
  }, checklist.token);
  expect(refused).toEqual({ status: 401, code: 'school_form.sign_in_required' });
  expect(await world.mera.store.collection(responsesCollection).countDocuments({ campaignId: checklist.id })).toBe(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${shots}/sign-in-first-390.png`, fullPage: true });

  await page.getByRole('link', { name: 'Войти' }).click();
  await page.getByLabel('Электронная почта').fill('coordinator@demo.mera.local');
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL(`**/s/${checklist.token}`);
  await page.locator('.sd-question[data-name="int_e_planning"]').waitFor();
  await page.getByText('Официальная отчётность школы, не анонимный опрос').waitFor();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${shots}/form-390.png`, fullPage: true });
});

test('the coordinator names two colleagues; they fill one draft from two devices, the stale save is told, and «Готово» sends it', async () => {
  const coordinator = await pageOn(1280);
  await signIn(coordinator, world.baseUrl, 'coordinator@demo.mera.local', { next: '/account' });
  const task = coordinator.locator('li.task', { hasText: title });
  await task.getByText('Рабочая группа').click();
  await task.getByRole('checkbox', { name: 'wg.first' }).check();
  await task.getByRole('checkbox', { name: 'wg.second' }).check();
  await task.getByRole('button', { name: 'Сохранить группу' }).click();
  await task.getByText('Рабочая группа сохранена.').waitFor();
  await expectNoAxeViolations(coordinator);
  await coordinator.screenshot({ path: `${shots}/working-group-1280.png`, fullPage: true });

  const first = await pageOn(1280);
  await signIn(first, world.baseUrl, 'wg.first@school.test', { password: PASSWORD, next: `/s/${checklist.token}` });
  await choose(first, 'int_e_planning', 2);
  await first.getByText('Черновик сохранён').waitFor();

  // The second member, on a phone, finds the first one's answer and adds hers.
  const second = await pageOn(390);
  await signIn(second, world.baseUrl, 'wg.second@school.test', { password: PASSWORD, next: `/s/${checklist.token}` });
  await expect(second.locator('.sd-question[data-name="int_e_planning"] input').nth(2).isChecked()).resolves.toBe(true);
  await choose(second, 'int_kim_catalogue', 2);
  await second.getByText('Черновик сохранён').waitFor();

  // The first member's next save was based on the draft before: refused, and the page shows the other's version.
  await choose(first, 'int_personal_results', 2);
  await first.getByText('Пока вы заполняли форму, её сохранил(а) wg.second').waitFor();
  await expect(first.locator('.sd-question[data-name="int_kim_catalogue"] input').nth(2).isChecked()).resolves.toBe(true);
  await expectNoAxeViolations(first);
  await first.screenshot({ path: `${shots}/draft-conflict-1280.png`, fullPage: true });

  await second.reload();
  await second.locator('.sd-question[data-name="int_e_planning"]').waitFor();
  await answerWholeSurvey(
    second,
    (name, count) => (name === 'int_e_planning' ? 0 : count - 1),
    () => 'https://school.example/plan',
  );
  await second.getByRole('heading', { name: 'Форма отправлена' }).waitFor();
  await second.getByText(/Редакция 1: отправил\(а\) wg\.second/).waitFor();
  await expectNoAxeViolations(second);
  await second.screenshot({ path: `${shots}/sent-390.png`, fullPage: true });
  expect(await world.mera.store.collection(responsesCollection).countDocuments({ campaignId: checklist.id })).toBe(1);
});

test('a correction makes a second revision and an audit entry, and the indicator changes', async () => {
  const planning = async (page: Page) =>
    page.evaluate(async (id) => {
      const res = await fetch(`/api/results/campaigns/${id}`);
      return (await res.json()).indicators.find((i: { id: string }) => i.id === 'chk_int_e_planning').cluster.value as number;
    }, checklist.id);
  const cluster = await pageOn(1280);
  await signIn(cluster, world.baseUrl, 'cluster@demo.mera.local', { next: '/account' });
  expect(await planning(cluster)).toBe(100);

  const page = await pageOn(1280);
  await signIn(page, world.baseUrl, 'coordinator@demo.mera.local', { next: `/s/${checklist.token}` });
  await page.getByRole('heading', { name: 'Форма отправлена' }).waitFor();
  await page.getByRole('button', { name: 'Исправить' }).click();
  await page.getByText('Вы исправляете отправленную форму').waitFor();
  // «Нет» to the first item hides its evidence; then «Нет» everywhere.
  await choose(page, 'int_e_planning', 2);
  await answerWholeSurvey(page, (_name, count) => count - 1);
  await page.getByLabel('Почему исправляете').fill('План цифровизации ещё не утверждён');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${shots}/correction-reason-1280.png`, fullPage: true });
  await page.getByRole('button', { name: 'Отправить исправление' }).click();
  await page.getByText(/Редакция 2: отправил\(а\) Ольга Школьная/).waitFor();
  await page.getByText('«План цифровизации ещё не утверждён»').waitFor();
  await page.screenshot({ path: `${shots}/corrected-1280.png`, fullPage: true });

  expect(await world.mera.store.collection(schoolFormRevisionsCollection).countDocuments({ campaignId: checklist.id })).toBe(2);
  const entry = await world.mera.store.collection(auditCollection).findOne({ campaignId: checklist.id, action: 'form-corrected' });
  expect(entry).toMatchObject({ schoolId, reason: 'План цифровизации ещё не утверждён' });
  expect(entry!.changes).toContainEqual({ field: 'int_e_planning', before: 'yes', after: 'no' });
  expect(await planning(cluster)).toBe(0);
  // The results page marks the value a correction changed after the form was first sent.
  await cluster.goto(`${world.baseUrl}/results?campaign=${checklist.id}`);
  await cluster.locator('tr[data-indicator="chk_int_e_planning"]').getByText('исправлено после первой отправки в школах: 1').waitFor();
  await expectNoAxeViolations(cluster);
  await cluster.screenshot({ path: `${shots}/results-marker-1280.png`, fullPage: true });
});

test("after the campaign closes the school cannot correct; the cluster coordinator reopens this school's form", async () => {
  const coordinator = (await findUserByEmail(world.mera.store, 'coordinator@demo.mera.local'))!;
  await closeCampaign(world.mera.store, checklist.id, {
    actor: { kind: 'user', userId: coordinator._id, name: coordinator.name },
    now: new Date(),
    timeZone: world.mera.config.timeZone,
  });
  const school = await pageOn(390);
  await signIn(school, world.baseUrl, 'coordinator@demo.mera.local', { next: `/s/${checklist.token}` });
  await school.getByText('Сбор закрыт.').waitFor();
  await expect(school.getByRole('button', { name: 'Исправить' }).count()).resolves.toBe(0);

  const cluster = await pageOn(1280);
  await signIn(cluster, world.baseUrl, 'cluster@demo.mera.local', { next: `/s/${checklist.token}` });
  await cluster.getByRole('button', { name: 'Открыть форму школы для исправления' }).waitFor();
  await expectNoAxeViolations(cluster);
  await cluster.getByLabel('Почему открываете (необязательно)').fill('Школа нашла ошибку в отчёте');
  await cluster.getByRole('button', { name: 'Открыть форму школы для исправления' }).click();
  await cluster.getByText('Форма открыта для исправления').waitFor();
  await cluster.screenshot({ path: `${shots}/reopened-cluster-1280.png`, fullPage: true });
  expect(await world.mera.store.collection(auditCollection).findOne({ campaignId: checklist.id, action: 'form-reopened' })).toMatchObject({
    schoolId,
    reason: 'Школа нашла ошибку в отчёте',
  });

  await school.reload();
  await school.getByText('Координатор кластера открыл форму вашей школы для исправления.').waitFor();
  await school.getByRole('button', { name: 'Исправить' }).waitFor();
  await expectNoAxeViolations(school);
  await school.screenshot({ path: `${shots}/reopened-school-390.png`, fullPage: true });
});

test('«1 300» with a no-break space is accepted and stored as 1300; «1.300» is refused as ambiguous', async () => {
  const monitoring = await formCampaign('school-monitoring', 'Мониторинг, e2e', { reportingYear: '2039/40' });
  const page = await pageOn(390);
  await signIn(page, world.baseUrl, 'coordinator@demo.mera.local', { next: `/s/${monitoring.token}` });
  const total = page.locator('.sd-question[data-name="enrol_total"] input');
  await total.fill('1.300');
  await total.blur();
  await page.locator('.sd-navigation__next-btn').click();
  await page.getByText('Непонятно, тысячи это или дробь').waitFor();
  await page.screenshot({ path: `${shots}/ambiguous-390.png`, fullPage: true });
  await answerQuestion(
    page,
    'enrol_total',
    () => 0,
    () => '1\u00a0300',
  );
  await answerWholeSurvey(
    page,
    (_n, count) => Math.max(0, count - 2),
    (name) =>
      name === 'enrol_total'
        ? '1\u00a0300'
        : name === 'vpr_math_mean'
          ? '3,8'
          : name === 'vpr_science_mean'
            ? '4.2'
            : consistentFigure(name),
  );
  await page.getByRole('heading', { name: 'Форма отправлена' }).waitFor();
  const [stored] = await world.mera.store.collection(responsesCollection).find({ campaignId: monitoring.id });
  expect(stored.answers.enrol_total).toBe(1300);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${shots}/monitoring-sent-390.png`, fullPage: true });
});

test("a change made while the draft is still being saved (a slow connection) is saved after it, not refused as a colleague's save", async () => {
  const form = await formCampaign('school-checklist', 'Чек-лист, медленная связь', { stage: 'october' });
  const page = await pageOn(1280);
  await signIn(page, world.baseUrl, 'coordinator@demo.mera.local', { next: `/s/${form.token}` });
  await page.locator('.sd-question[data-name="int_e_planning"]').waitFor();
  // The first save reaches the server, but its reply is held back until the second answer has been made.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let replies = 0;
  const twoReplies = new Promise<void>((resolve) => page.on('response', (r) => r.url().endsWith('/draft') && ++replies === 2 && resolve()));
  let saves = 0;
  await page.route('**/draft', async (route) => {
    const first = ++saves === 1;
    const response = await route.fetch();
    if (first) await held;
    await route.fulfill({ response });
  });
  // The page's clock is driven by the test: a second passes (the pause before a save) when the test says so.
  await page.clock.install();
  await choose(page, 'int_e_planning', 2);
  const firstSave = page.waitForRequest('**/draft');
  await page.clock.runFor(1000);
  await firstSave;
  await choose(page, 'int_kim_catalogue', 2);
  await page.clock.runFor(1000);
  release();
  await twoReplies;
  await page.getByText('Черновик сохранён').waitFor();
  await expect(page.locator('.sd-question[data-name="int_kim_catalogue"] input').nth(2).isChecked()).resolves.toBe(true);
  await expect(page.getByText('Пока вы заполняли форму').count()).resolves.toBe(0);
  const draft = await world.mera.store.collection(schoolFormDraftsCollection).findOne({ campaignId: form.id, schoolId });
  expect(draft).toMatchObject({ revision: 2, answers: { int_e_planning: 'no', int_kim_catalogue: 'no' } });
});
