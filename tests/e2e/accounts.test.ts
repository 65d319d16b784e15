// Accounts in real Chromium: a coordinator invites a teacher from the users screen, the mail's
// link (through a real SMTP server) opens the set-password page, the teacher chooses a password
// and lands signed in on their account; sign-in errors in the page's language; axe finds no
// WCAG A/AA violations on the account pages, at phone and desktop widths.
import type { Browser } from 'playwright-core';
import { makeUser, PASSWORD, signedInBrowser } from '../support/accounts';
import { teacherAnswers, teacherKnowledge } from '../support/answers';
import { campaignsCollection } from '../../server/campaigns/data';
import { launchChromium } from '../support/browser';
import { listen, startMera, TestMera } from '../support/mera';
import { Inbox, linkToken, startInbox } from '../support/smtp';
import fs from 'node:fs';
import { diagnosticsCollection } from '../../server/diagnostics/data';
import { schoolsCollection } from '../../server/schools/data';
import { answerWholeSurvey } from '../support/survey-driver';
import { expectNoAxeViolations } from '../support/pages';

let mera: TestMera;
let inbox: Inbox;
let browser: Browser;
let baseUrl: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  inbox = await startInbox();
  mera = await startMera({ seed: true, config: { mail: { smtpUrl: inbox.url, from: 'Mera <mera@cluster.test>' } } });
  const server = await listen(mera.app);
  baseUrl = server.baseUrl;
  stop = server.stop;
  // Links in mail point at this test server.
  mera.config.publicUrl = baseUrl;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stop?.();
  await mera?.close();
  await inbox?.close();
});

test('a coordinator invites a teacher; the mailed link sets a password, the teacher takes the diagnostic on a phone, sees the profile and downloads it as a PDF', async () => {
  const [school] = await mera.store.collection(schoolsCollection).find({}, { sort: { number: 1 }, limit: 1 });
  await makeUser(mera.store, 'coordinator.e2e@school.test', 'school-coordinator', school._id);
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await desktop.newPage();

  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('heading', { name: 'Вход' }).waitFor();
  await expectNoAxeViolations(page);
  await page.getByLabel('Электронная почта').fill('coordinator.e2e@school.test');
  await page.getByLabel('Пароль').fill('not my password');
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByText('Неверная почта или пароль.').waitFor();
  await page.getByLabel('Пароль').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('heading', { name: 'Моя учётная запись' }).waitFor();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Пользователи' }).click();
  await page.getByRole('heading', { name: 'Пригласить пользователя' }).waitFor();
  const before = inbox.messages.length;
  await page.getByLabel('Электронная почта').fill('invited.e2e@school.test');
  await page.getByLabel('Имя и фамилия').fill('Мария Иванова');
  await page.getByLabel('Предмет').fill('История');
  await page.getByRole('button', { name: 'Пригласить' }).click();
  await page.getByText('Приглашение отправлено.').waitFor();
  await page.getByRole('cell', { name: /^Мария Иванова invited\.e2e@school\.test/ }).waitFor();
  await expectNoAxeViolations(page);
  const mail = (await inbox.waitFor(before + 1))[before];
  expect(mail.subject).toBe('Приглашение в «Меру»');
  const link = `${baseUrl}/set-password#${linkToken(mail)}`;
  expect(mail.text).toContain(link);

  // The teacher, in a browser of their own.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
  const phone = await context.newPage();
  await phone.goto(link);
  await phone.getByText('invited.e2e@school.test').waitFor();
  await expectNoAxeViolations(phone);
  await phone.getByLabel('Новый пароль').fill('password');
  await phone.getByLabel('Повторите пароль').fill('password');
  await phone.getByRole('button', { name: 'Сохранить' }).click();
  await phone.getByText('Этот пароль слишком распространён. Выберите другой.').waitFor();
  await phone.getByLabel('Новый пароль').fill('история моего класса');
  await phone.getByLabel('Повторите пароль').fill('история моего класса');
  await phone.getByRole('button', { name: 'Сохранить' }).click();
  await phone.getByRole('heading', { name: 'Моя учётная запись' }).waitFor();
  await phone.getByText('педагог', { exact: true }).waitFor();
  await expectNoAxeViolations(phone);

  // Their school's open diagnostic, taken signed in: lowest self-ratings everywhere.
  await phone.getByRole('link', { name: /Диагностика профессиональных дефицитов.*Пройти/ }).click();
  await phone.getByRole('heading', { name: /Диагностика профессиональных дефицитов/ }).waitFor();
  await answerWholeSurvey(phone, () => 0);
  await phone.getByRole('heading', { level: 1, name: 'Мой профиль' }).waitFor();
  // Every area is a deficit, each with its recommended seminar; the self-rating and the knowledge
  // result stand beside each other (self-ratings all lowest: 0%), and both charts are labelled.
  expect(await phone.locator('tr[data-area]').count()).toBe(8);
  expect(await phone.locator('.profile-level').allTextContents()).toEqual(Array(8).fill('Дефицит'));
  expect(await phone.locator('.profile-recommendation').count()).toBe(8);
  expect(await phone.locator('.profile-self-rating').allTextContents()).toEqual(Array(8).fill('0%'));
  expect(await phone.locator('.profile-knowledge').count()).toBe(8);
  await phone.getByRole('img', { name: /самооценка и результат вопросов на знание/ }).waitFor();
  await phone.getByRole('img', { name: /общий результат по каждому направлению/ }).waitFor();
  await expectNoAxeViolations(phone);
  const mine = await mera.store.collection(diagnosticsCollection).findOne({ status: 'submitted' });
  expect(mine).not.toBeNull();

  // The PDF downloads and is a PDF with its fonts embedded.
  const [download] = await Promise.all([phone.waitForEvent('download'), phone.getByRole('link', { name: 'Скачать PDF' }).click()]);
  const file = await download.path();
  const pdf = fs.readFileSync(file!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.toString('latin1')).toMatch(/FontFile2/);

  // The link was single-use.
  await phone.goto(link);
  await phone.getByText('Ссылка уже использована. Войдите или попросите новую.').waitFor();
  await context.close();
  await desktop.close();
}, 300_000); // edition 2 of the diagnostic has eight pages (about 50 questions): on a shared 2-core machine the whole flow needs more than the default 90 s

test('in English, the sign-in page and its server errors are in English, and the demo accounts are listed', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByRole('heading', { name: 'Demo accounts' }).waitFor();
  await page.getByRole('button', { name: 'teacher@demo.mera.local' }).click();
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Wrong e-mail or password.').waitFor();
  await expectNoAxeViolations(page);

  // The start page shows the way to sign in and the demo accounts.
  await page.goto(baseUrl);
  await page.getByRole('link', { name: 'Sign in' }).waitFor();
  await page.getByRole('link', { name: 'teacher@demo.mera.local' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  expect(await page.getByLabel('E-mail').inputValue()).toBe('teacher@demo.mera.local');
  await context.close();
});

test("in English, a teacher's profile shows each area's self-rating beside the knowledge result, says which earlier result has no split, and axe finds nothing", async () => {
  const [school] = await mera.store.collection(schoolsCollection).find({}, { sort: { number: 1 }, limit: 1 });
  await makeUser(mera.store, 'profile.en@school.test', 'teacher', school._id);
  const open = (await mera.store.collection(campaignsCollection).findOne({ instrumentId: 'teacher-deficit', status: 'open' }))!;
  const { _id: _openId, ...copy } = open;
  const lastYear = await mera.store.collection(campaignsCollection).insertOne({
    ...copy,
    instrumentVersion: 1,
    title: { default: 'Диагностика, прошлый год', en: 'Diagnostic, last year' },
    createdAt: new Date(),
  });
  const api = await signedInBrowser(mera, 'profile.en@school.test');
  const editionOne: Record<string, unknown> = { experience_band: 'over_20', subject_area: 'sciences' };
  for (const area of ['e_planning', 'digital_results', 'item_bank', 'results_analysis', 'noko', 'self_evaluation', 'class_portfolio'])
    for (let i = 1; i <= 4; i++) editionOne[`${area}_${i}`] = 2;
  await api.agent
    .post(`/api/my/diagnostics/${lastYear._id}/submission`)
    .set('x-csrf-token', api.csrf)
    .send({ answers: editionOne })
    .expect(201);
  await mera.store
    .collection(campaignsCollection)
    .updateOne({ _id: lastYear._id }, { $set: { opensOn: '2025-09-01', closesOn: '2025-09-30' } });
  // This year: every self-rating 3, every knowledge item right: self-rating 66.7%, knowledge 100%.
  await api.agent
    .post(`/api/my/diagnostics/${open._id}/submission`)
    .set('x-csrf-token', api.csrf)
    .send({ answers: teacherAnswers(3, teacherKnowledge(true)) })
    .expect(201);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByLabel('E-mail').fill('profile.en@school.test');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My account' }).waitFor();
  await page.goto(`${baseUrl}/diagnostic`);
  await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
  await page.getByRole('heading', { name: 'Self-rating and knowledge' }).waitFor();
  await page.getByRole('img', { name: /self-rating and the knowledge result of each area/ }).waitFor();
  await page.getByRole('columnheader', { name: 'Self-rating' }).waitFor();
  expect(await page.locator('.profile-self-rating').allTextContents()).toEqual(Array(8).fill('66.7%'));
  expect(await page.locator('.profile-knowledge').allTextContents()).toEqual(Array(8).fill('100%'));
  expect(await page.getByTestId('earlier-no-knowledge-split').textContent()).toMatch(/first edition.*Diagnostic, last year/);
  await expectNoAxeViolations(page);
  await context.close();
}, 180_000);
