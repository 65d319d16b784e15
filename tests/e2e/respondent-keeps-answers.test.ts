// The respondent's page never loses an answer: a reload offers to resume where the parent was (a
// shared device offers it, never imposes it: another pupil starts over and clears it), an answer
// completed offline waits on the device and is sent once when the connection returns (or the link
// is opened again), a reply lost on the way does not store the answer twice, a campaign closed
// while answering says so without a Retry that cannot succeed, and a decimal comma is a decimal.
import type { BrowserContext, Page } from 'playwright-core';
import { campaignsCollection } from '../../server/campaigns/data';
import { responsesCollection } from '../../server/responses/data';
import { findUserByEmail } from '../../server/accounts/service';
import { makeUser, PASSWORD } from '../support/accounts';
import { useSeededMeraInChromium } from '../support/e2e';
import { signIn } from '../support/pages';
import { seededToken } from '../support/mera';
import { consistentFigure } from '../support/answers';
import { expectNoSeriousAxeViolations } from '../support/pages';
import { answerQuestion, answerWholeSurvey, defaultPick } from '../support/survey-driver';

const world = useSeededMeraInChromium();

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  return { context, page: await context.newPage() };
}

/** Signs in as a coordinator of the school (made for the test) and comes back to its form. */
async function signedInAsCoordinator(page: Page, schoolId: string, token: string) {
  const email = `coordinator.${schoolId.toLowerCase()}@e2e.test`;
  if (!(await findUserByEmail(world.mera.store, email))) await makeUser(world.mera.store, email, 'school-coordinator', schoolId);
  await signIn(page, world.baseUrl, email, { password: PASSWORD, next: `/s/${token}` });
  await page.locator('.sd-question').first().waitFor();
}

async function storedFor(campaignId: string, schoolId: string) {
  return world.mera.store.collection(responsesCollection).find({ campaignId, schoolId });
}

/** Answers the questions on the current page that the driver has not answered yet. */
async function answerPage(page: Page, type?: (name: string) => string) {
  await page.locator('.sd-question').first().waitFor();
  const names = await page.locator('.sd-question[data-name]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')!));
  for (const name of names) await answerQuestion(page, name, defaultPick, type);
}

test('a parent who reloads on page 2 is offered to continue, and is back on page 2 with every answer kept; after sending the device keeps nothing', async () => {
  const { token, campaignId, schoolId } = await seededToken(world.mera, 'parent-survey', 'open', 1);
  const before = (await storedFor(campaignId, schoolId)).length;
  const { context, page } = await phone();
  await page.goto(`${world.baseUrl}/s/${token}`);
  await answerPage(page);
  await page.locator('.sd-navigation__next-btn').click();
  await page.getByText('Страница 2 из 4').waitFor();
  const firstOnPage2 = await page.locator('.sd-question[data-name]').first().getAttribute('data-name');
  await answerQuestion(page, firstOnPage2!, defaultPick);

  await page.reload();
  await page.getByRole('heading', { name: 'На этом устройстве есть незаконченные ответы' }).waitFor();
  await expectNoSeriousAxeViolations(page);
  await page.getByRole('button', { name: 'Продолжить с того места' }).click();
  await page.getByText('Страница 2 из 4').waitFor();
  expect(await page.locator(`.sd-question[data-name="${firstOnPage2}"] input:checked`).count()).toBe(1);
  await page.locator('.sd-navigation__prev-btn').click();
  expect(await page.locator('.sd-question[data-name="child_level"] input:checked').count()).toBe(1);

  await answerWholeSurvey(page);
  await page.getByRole('heading', { name: 'Спасибо!' }).waitFor();
  expect((await storedFor(campaignId, schoolId)).length).toBe(before + 1);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mera.answers.')))).toEqual([]);

  // Opening the link again on this device says it was answered and offers a parent to answer for another child.
  await page.reload();
  await page.getByText('С этого устройства на этот опрос уже ответили. Спасибо!').waitFor();
  await page.getByRole('button', { name: 'Ответить ещё раз (за второго ребёнка)' }).click();
  await page.getByText('Страница 1 из 4').waitFor();
  expect(await page.locator('.sd-question[data-name="child_level"] input:checked').count()).toBe(0);
  await context.close();
});

test("on a shared computer, pupil B is offered pupil A's unfinished answers, not shown them: «Начать заново» clears them; a day later they are gone", async () => {
  const { token } = await seededToken(world.mera, 'student-survey', 'open', 4);
  const context = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // Pupil A answers the first page and leaves.
  await page.goto(`${world.baseUrl}/s/${token}`);
  await answerPage(page);
  const first = await page.locator('.sd-question[data-name]').first().getAttribute('data-name');
  expect(await page.locator('.sd-question input:checked').count()).toBeGreaterThan(0);

  // Pupil B opens the link: an offer in «ты», and none of A's answers on the page.
  await page.goto(`${world.baseUrl}/s/${token}`);
  await page.getByText('Если это был ты — продолжай с того места').waitFor();
  expect(await page.locator('.sd-question').count()).toBe(0);
  await expectNoSeriousAxeViolations(page);
  await page.getByRole('button', { name: 'Начать заново' }).click();
  await page.locator(`.sd-question[data-name="${first}"]`).waitFor();
  expect(await page.locator('.sd-question input:checked').count()).toBe(0);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mera.answers.')))).toEqual([]);

  // B answers a little and leaves; a day and an hour later the answers are no longer kept or offered.
  await answerPage(page);
  await page.evaluate((key) => {
    const saved = JSON.parse(localStorage.getItem(key)!);
    localStorage.setItem(key, JSON.stringify({ ...saved, savedAt: Date.now() - 25 * 3600 * 1000 }));
  }, `mera.answers.${token}`);
  await page.goto(`${world.baseUrl}/s/${token}`);
  await page.locator(`.sd-question[data-name="${first}"]`).waitFor();
  expect(await page.getByText('незаконченные ответы').count()).toBe(0);
  expect(await page.locator('.sd-question input:checked').count()).toBe(0);
  expect(await page.evaluate((key) => localStorage.getItem(key), `mera.answers.${token}`)).toBeNull();
  await context.close();
});

test('an answer completed offline waits on the device with a Russian message and is stored exactly once when the connection returns', async () => {
  const { token, campaignId, schoolId } = await seededToken(world.mera, 'parent-survey', 'open', 2);
  const before = (await storedFor(campaignId, schoolId)).length;
  const { context, page } = await phone();
  await page.goto(`${world.baseUrl}/s/${token}`);
  await page.locator('.sd-question').first().waitFor();
  await context.setOffline(true);
  await answerWholeSurvey(page);
  await page.getByText('Ответы сохранены на этом устройстве и будут отправлены, когда появится связь').waitFor();
  expect((await storedFor(campaignId, schoolId)).length).toBe(before);

  await context.setOffline(false);
  await page.getByRole('heading', { name: 'Спасибо!' }).waitFor();
  const after = await storedFor(campaignId, schoolId);
  expect(after.length).toBe(before + 1);
  await context.close();
});

test('an answer left waiting offline in a closed tab is sent once when the link is opened again', async () => {
  const { token, campaignId, schoolId } = await seededToken(world.mera, 'parent-survey', 'open', 3);
  const before = (await storedFor(campaignId, schoolId)).length;
  const { context, page } = await phone();
  await page.goto(`${world.baseUrl}/s/${token}`);
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('.sd-question').first().waitFor();
  await context.setOffline(true);
  await answerWholeSurvey(page);
  await page.getByText('Your answers are saved on this device and will be sent when the connection returns').waitFor();
  await page.close();

  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(`${world.baseUrl}/s/${token}`);
  await again.getByRole('heading', { name: 'Thank you!' }).waitFor();
  expect((await storedFor(campaignId, schoolId)).length).toBe(before + 1);
  await context.close();
});

test('a submission whose reply is lost and is sent again stores one response (the device key makes the retry a repeat)', async () => {
  const { token, campaignId, schoolId } = await seededToken(world.mera, 'parent-survey', 'open', 4);
  const before = (await storedFor(campaignId, schoolId)).length;
  const { context, page } = await phone();
  const keys: string[] = [];
  let lose = true;
  await page.route('**/responses', async (route) => {
    keys.push(route.request().headers()['idempotency-key']);
    const reply = await route.fetch();
    // The server stored it; the phone never hears back the first time.
    if (lose) {
      lose = false;
      await route.abort('connectionreset');
    } else await route.fulfill({ response: reply });
  });
  await page.goto(`${world.baseUrl}/s/${token}`);
  await answerWholeSurvey(page);
  await page.getByRole('button', { name: 'Отправить сейчас' }).click();
  await page.getByRole('heading', { name: 'Спасибо!' }).waitFor();
  expect(keys).toHaveLength(2);
  expect(keys[0]).toBe(keys[1]);
  expect((await storedFor(campaignId, schoolId)).length).toBe(before + 1);
  await context.close();
});

test('a campaign closed while the parent answers says so in Russian, offers no Retry, and stores nothing', async () => {
  const { token, campaignId, schoolId } = await seededToken(world.mera, 'student-survey', 'open', 5);
  const before = (await storedFor(campaignId, schoolId)).length;
  const { context, page } = await phone();
  await page.goto(`${world.baseUrl}/s/${token}`);
  await page.locator('.sd-question').first().waitFor();
  const campaigns = world.mera.store.collection(campaignsCollection);
  await campaigns.updateOne({ _id: campaignId }, { $set: { status: 'closed' } });
  try {
    await answerWholeSurvey(page);
    await page.getByText('Пока вы отвечали, опрос закрылся').waitFor();
    expect(await page.getByRole('button', { name: /Попробовать/ }).count()).toBe(0);
    expect((await storedFor(campaignId, schoolId)).length).toBe(before);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mera.answers.')))).toEqual([]);
  } finally {
    await campaigns.updateOne({ _id: campaignId }, { $set: { status: 'open' } });
  }
  await context.close();
});

test('school monitoring numbers typed with a decimal comma ("3,8", "7,5") are stored as 3.8 and 7.5', async () => {
  const { token, campaignId, schoolId } = await seededToken(world.mera, 'school-monitoring', 'open', 0);
  const before = new Set((await storedFor(campaignId, schoolId)).map((r) => r._id));
  // A school's form is its return: its coordinator signs in first, then lands on the form.
  const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signedInAsCoordinator(page, schoolId, token);
  await answerWholeSurvey(page, defaultPick, (name) =>
    name === 'vpr_math_mean' ? '3,8' : name === 'vpr_math_quality' ? '7,5' : name === 'vpr_science_mean' ? '4.2' : consistentFigure(name),
  );
  await page.getByRole('heading', { name: 'Форма отправлена' }).waitFor();
  const added = (await storedFor(campaignId, schoolId)).filter((r) => !before.has(r._id));
  expect(added).toHaveLength(1);
  expect(added[0].answers).toMatchObject({ vpr_math_mean: 3.8, vpr_math_quality: 7.5, vpr_science_mean: 4.2, vpr_math_participants: 10 });
  await page.close();
});

test('a number field answered "3,8,1" or above its maximum shows why in Russian and the page does not advance', async () => {
  const { token, schoolId } = await seededToken(world.mera, 'school-monitoring', 'open', 1);
  const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signedInAsCoordinator(page, schoolId, token);
  await answerPage(page, consistentFigure);
  await page.locator('.sd-navigation__next-btn').click();
  const participants = page.locator('.sd-question[data-name="vpr_math_participants"] input');
  await participants.fill('25');
  await participants.blur();
  const mean = page.locator('.sd-question[data-name="vpr_math_mean"] input');
  await mean.fill('3,8,1');
  await page.locator('.sd-navigation__next-btn').click();
  await page.getByText('Введите число, например 3,8.').waitFor();
  await mean.fill('9');
  await page.locator('.sd-navigation__next-btn').click();
  await page.getByText('Значение не должно быть больше 5.').waitFor();
  await expect(mean.isVisible()).resolves.toBe(true); // still on page 2
  await page.close();
});
