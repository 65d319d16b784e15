// A parent opens the school's link on a phone, reads the survey in Russian (or English),
// answers it and submits; the answer is stored anonymously for that campaign and school.
import { responsesCollection } from '../../server/responses/data';
import { useSeededMeraInChromium } from '../support/e2e';
import { seededToken } from '../support/mera';
import { answerWholeSurvey } from '../support/survey-driver';

const world = useSeededMeraInChromium();

test('a parent answering the seeded link on a phone sees thanks and the answer is stored anonymously for that school', async () => {
  const { token, campaignId, schoolId } = await seededToken(world.mera, 'parent-survey');
  const responses = world.mera.store.collection(responsesCollection);
  const before = new Set((await responses.find({ campaignId, schoolId })).map((r) => r._id));
  const context = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));

  await page.goto(`${world.baseUrl}/s/${token}`);
  await page.getByRole('heading', { name: /Анкета для родителей/ }).waitFor();
  // Mera's own progress line: survey-core's bar was clipped on phones and never said "page X of N".
  await page.getByText('Страница 1 из 4').waitFor();
  await page.getByText('Опрос анонимный').first().waitFor();
  // Every text in the survey in Mera's system font: no web font named that a phone lacks (and
  // would replace by a serif one).
  await page.locator('.sd-html p').first().waitFor();
  const fonts = await page.evaluate(() => [
    ...new Set([...document.querySelectorAll('.sd-root-modern *')].map((e) => getComputedStyle(e).fontFamily)),
  ]);
  expect(fonts.filter((f) => !f.startsWith('system-ui'))).toEqual([]);

  // English by a visible switch, remembered across a reload; then back to Russian.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: /Parent survey/i }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: /Parent survey/i }).waitFor();
  await page.getByRole('button', { name: 'Русский' }).click();
  await page.getByRole('heading', { name: /Анкета для родителей/ }).waitFor();

  const answered = await answerWholeSurvey(page);
  await page.getByRole('heading', { name: 'Спасибо!' }).waitFor();

  const after = await responses.find({ campaignId, schoolId });
  const added = after.filter((r) => !before.has(r._id));
  expect(added).toHaveLength(1);
  const stored = added[0];
  expect(Object.keys(stored).sort()).toEqual([
    '_id',
    'answers',
    'campaignId',
    'day',
    'instrumentId',
    'instrumentVersion',
    'respondentType',
    'schoolId',
  ]);
  expect(stored.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(JSON.stringify(stored)).not.toContain(token);
  expect(Object.keys(stored.answers).every((k) => answered.includes(k.replace(/-Comment$/, '')))).toBe(true);
  expect(stored.answers.child_level).toBeDefined();
  expect(stored.answers.sat_overall).toEqual(expect.any(Number));
  // The respondent's page talks to Mera only: no fonts, analytics or CDNs.
  expect(requested.filter((u) => !u.startsWith(world.baseUrl) && !u.startsWith('data:'))).toEqual([]);
  await context.close();
});

test('a closed campaign link shows a friendly "survey closed" page', async () => {
  const { token } = await seededToken(world.mera, 'parent-survey', 'closed');
  const page = await world.browser.newPage();
  await page.goto(`${world.baseUrl}/s/${token}`);
  await page.getByRole('heading', { name: 'Опрос завершён' }).waitFor();
  expect(await page.locator('.sd-question').count()).toBe(0);
  await page.close();
});
