// How the client sends changes, in real Chromium: a page opened before the session changed still
// saves (the change refused for its stale CSRF token is sent once more with a fresh one, and done
// once), and a respondent's answer goes without any session: no session read, no cookie.
import type { Page } from 'playwright-core';
import { findUserByEmail } from '../../server/accounts/service';
import { responsesCollection } from '../../server/responses/data';
import { schoolsCollection } from '../../server/schools/data';
import { makeUser, PASSWORD } from '../support/accounts';
import { useSeededMeraInChromium } from '../support/e2e';
import { seededToken } from '../support/mera';
import { signIn } from '../support/pages';
import { answerWholeSurvey } from '../support/survey-driver';

const world = useSeededMeraInChromium();

/** The API requests a page makes and the statuses they get, as "METHOD /path status". */
function apiLog(page: Page): string[] {
  const log: string[] = [];
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (url.pathname.startsWith('/api/')) log.push(`${res.request().method()} ${url.pathname} ${res.status()}`);
  });
  return log;
}

test('a change made on a page opened before a sign-out and sign-in in another tab is refused for its stale token, sent again once with a fresh one, and done once', async () => {
  const [school] = await world.mera.store.collection(schoolsCollection).find({}, { sort: { number: 1 }, limit: 1 });
  await makeUser(world.mera.store, 'cluster.tabs@cluster.test', 'cluster-coordinator');
  const teacher = await makeUser(world.mera.store, 'teacher.tabs@cluster.test', 'teacher', school._id);
  const context = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, world.baseUrl, 'cluster.tabs@cluster.test', { password: PASSWORD, next: '/users' });
  await page.getByRole('button', { name: 'Отключить: teacher.tabs@cluster.test' }).waitFor();

  // Another tab of the same browser signs out and in again: a new session, so the first tab's token is stale.
  const other = await context.newPage();
  await other.goto(`${world.baseUrl}/account`);
  await other.getByRole('button', { name: 'Выйти' }).click();
  await other.waitForURL((url) => url.pathname === '/sign-in');
  await signIn(other, world.baseUrl, 'cluster.tabs@cluster.test', { password: PASSWORD });
  await other.close();

  const log = apiLog(page);
  await page.getByRole('button', { name: 'Отключить: teacher.tabs@cluster.test' }).click();
  await page.getByRole('button', { name: 'Включить: teacher.tabs@cluster.test' }).waitFor();
  const path = `/api/users/${teacher._id}`;
  expect(log.filter((line) => line.startsWith(`PATCH ${path}`) || line.startsWith('GET /api/session'))).toEqual([
    `PATCH ${path} 403`,
    'GET /api/session 200',
    `PATCH ${path} 200`,
  ]);
  expect((await findUserByEmail(world.mera.store, 'teacher.tabs@cluster.test'))?.active).toBe(false);
  await context.close();
});

test("a parent's answer is sent without any session: the page never reads one and the browser is given no cookie", async () => {
  const { token, campaignId, schoolId } = await seededToken(world.mera, 'parent-survey', 'open', 6);
  const before = (await world.mera.store.collection(responsesCollection).find({ campaignId, schoolId })).length;
  const context = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const log = apiLog(page);
  await page.goto(`${world.baseUrl}/s/${token}`);
  await answerWholeSurvey(page);
  await page.getByRole('heading', { name: 'Спасибо!' }).waitFor();
  expect(log.filter((line) => line.startsWith('POST'))).toEqual([`POST /api/links/${token}/responses 201`]);
  expect(log.filter((line) => line.includes('/api/session'))).toEqual([]);
  expect(await context.cookies()).toEqual([]);
  expect((await world.mera.store.collection(responsesCollection).find({ campaignId, schoolId })).length).toBe(before + 1);
  await context.close();
});
