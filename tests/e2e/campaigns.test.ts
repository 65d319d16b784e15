// The coordinators' campaign screens in real Chromium: the demo administrator signs in, finds the
// school year's calendar from the account page, plans a parent campaign for one school (a bad
// closing day is refused beside its field, in the page's language), opens it, and the page shows
// the school's link with its QR code and poster; a parent follows the link in a browser of their
// own and answers; the response rate moves. axe finds no WCAG A/AA violations, in Russian and
// English, at phone and desktop widths. Screenshots go to /tmp for a person to look at.
import { DEMO_PASSWORD } from '../../server/accounts/demo';
import { useSeededMeraInChromium } from '../support/e2e';
import { answerWholeSurvey } from '../support/survey-driver';
import { expectNoAxeViolations, localDay, signIn } from '../support/pages';

const world = useSeededMeraInChromium();

test('the administrator plans and opens a parent campaign for one school, a parent answers through the shown link, the response rate moves from 0 to 50 %, and the campaign closes and reopens', async () => {
  const desktop = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await desktop.newPage();
  await signIn(page, world.baseUrl, 'admin@demo.mera.local', { next: '/account' });
  await page.getByRole('heading', { name: 'Моя учётная запись' }).waitFor();
  await page.getByRole('link', { name: 'Опросы' }).click();

  // The calendar: the seeded open parent campaign is listed, by month and in the table.
  await page.getByRole('heading', { name: 'Кампании опросов' }).waitFor();
  await page.getByRole('heading', { name: 'Календарь учебного года' }).waitFor();
  await page
    .getByRole('cell', { name: /Анкетирование родителей/ })
    .first()
    .waitFor();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: '/tmp/campaigns-calendar-1280.png', fullPage: true });

  // Printed: the calendar and list without the controls, the chosen school year written above.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByLabel('Школа').isVisible()).resolves.toBe(false);
  await expect(page.getByRole('button', { name: 'Печать' }).isVisible()).resolves.toBe(false);
  await expect(page.locator('.print-only').isVisible()).resolves.toBe(true);
  await expect(page.getByRole('heading', { name: 'Календарь учебного года' }).isVisible()).resolves.toBe(true);
  await page.emulateMedia({ media: 'screen' });

  // Filtered by an instrument the parent campaigns do not use, they leave the list.
  await page.getByLabel('Инструмент').selectOption('student-survey');
  await page
    .getByRole('cell', { name: /Анкетирование родителей/ })
    .first()
    .waitFor({ state: 'detached' });
  await page.getByRole('cell', { name: /Анкетирование обучающихся/ }).waitFor();

  // Plan: a closing day before the opening day is refused beside that field, in Russian.
  await page.getByRole('link', { name: 'Запланировать кампанию' }).click();
  await page.getByRole('heading', { name: 'Новая кампания' }).waitFor();
  await page.getByLabel('Инструмент').selectOption('parent-survey');
  await page.getByLabel('Название (необязательно)').fill('Родители школы, e2e');
  const school = page.locator('.plan-school').first();
  await school.getByRole('checkbox').check();
  await school.getByLabel('Ожидаемое число ответов').fill('2');
  await page.getByLabel('День открытия').fill(localDay(0));
  await page.getByLabel('День закрытия').fill(localDay(-1));
  // The responsible person: the signed-in administrator, picked by default from the users.
  await expect(page.getByLabel('Ответственный').inputValue()).resolves.not.toBe('');
  await page.getByRole('button', { name: 'Запланировать' }).click();
  const closingError = page.locator('#plan-closesOn-error');
  await expect(closingError.textContent()).resolves.toBe('День закрытия не может быть раньше дня открытия или уже прошедшим.');
  await expect(page.getByLabel('День закрытия').getAttribute('aria-invalid')).resolves.toBe('true');
  await expectNoAxeViolations(page);
  await page.getByLabel('День закрытия').fill(localDay(14));
  await page.getByRole('button', { name: 'Запланировать' }).click();

  // The campaign's page: planned, no links yet; opening issues the school's link.
  await page.getByRole('heading', { name: 'Родители школы, e2e' }).waitFor();
  await page.getByText('запланирована').first().waitFor();
  await page.getByRole('button', { name: 'Открыть' }).click();
  await page.getByRole('button', { name: 'Закрыть' }).waitFor();
  const url = (await page.locator('.campaign-url').first().textContent())!;
  expect(url).toMatch(new RegExp(`^${world.baseUrl}/s/`));
  const qr = page.getByRole('img', { name: /QR-код ссылки для школы/ });
  // The QR image loads after the links appear: wait for it rather than look once.
  await page.waitForFunction(
    (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
    await qr.elementHandle(),
    { timeout: 15_000 },
  );
  const poster = await page.request.get(
    await page
      .getByRole('link', { name: 'Плакат A4 (PDF)' })
      .getAttribute('href')
      .then((h) => `${world.baseUrl}${h}`),
  );
  expect(poster.headers()['content-type']).toBe('application/pdf');
  const rates = page.locator('.rates-table tbody tr').first();
  await expect(rates.locator('td').allTextContents()).resolves.toEqual(['0', '2', '0 %']);
  await expectNoAxeViolations(page);

  // A parent, on a phone of their own, follows the shown link and answers.
  const parentContext = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const parent = await parentContext.newPage();
  await parent.goto(url);
  await answerWholeSurvey(parent);
  await parent.getByRole('heading', { name: 'Спасибо!' }).waitFor();
  await parentContext.close();

  // The coordinator refreshes: one answer of two expected.
  await page.getByRole('button', { name: 'Обновить' }).click();
  await rates.locator('td').first().filter({ hasText: '1' }).waitFor();
  await expect(rates.locator('td').allTextContents()).resolves.toEqual(['1', '2', '50 %']);
  await page.screenshot({ path: '/tmp/campaign-page-1280.png', fullPage: true });

  // In English: the same page, every text switched, still accessible.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Response rate by school' }).waitFor();
  await page.getByRole('img', { name: /Chart: response rate by school/ }).waitFor();
  await expectNoAxeViolations(page);

  // Closed by hand, then reopened (the closing day has not passed, so no new one is needed).
  // Closing asks first (item 8): cancelling keeps it open, confirming closes it.
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('button', { name: 'Yes, close it' }).click();
  await page.getByRole('button', { name: 'Reopen' }).waitFor();
  await page.getByText('Closed on').waitFor();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Reopen' }).click();
  await page.getByRole('button', { name: 'Close', exact: true }).waitFor();
  await page.getByText('open', { exact: true }).waitFor();

  // On a phone, in English then Russian: the campaign's page and the calendar.
  const phoneContext = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await phoneContext.newPage();
  const campaignPath = new URL(page.url()).pathname + new URL(page.url()).search;
  await signIn(phone, world.baseUrl, 'admin@demo.mera.local', { next: campaignPath });
  await phone.getByRole('heading', { name: 'Родители школы, e2e' }).waitFor();
  await expectNoAxeViolations(phone);
  await phone.screenshot({ path: '/tmp/campaign-page-390.png', fullPage: true });
  await phone.getByRole('link', { name: 'Все кампании' }).click();
  await phone.getByRole('heading', { name: 'Календарь учебного года' }).waitFor();
  await phone.getByRole('link', { name: 'Родители школы, e2e' }).first().waitFor();
  await expectNoAxeViolations(phone);
  await phone.screenshot({ path: '/tmp/campaigns-calendar-390.png', fullPage: true });
  // Filtered by another school (the campaign asked only the first), it leaves the calendar.
  await phone.getByLabel('Школа').selectOption({ index: 2 });
  await phone.getByRole('link', { name: 'Родители школы, e2e' }).first().waitFor({ state: 'detached' });
  await phone
    .getByRole('link', { name: /Анкетирование обучающихся/ })
    .first()
    .waitFor();
  await phone.getByRole('button', { name: 'English' }).click();
  await phone.getByRole('heading', { name: 'School-year calendar' }).waitFor();
  await expectNoAxeViolations(phone);
  await phoneContext.close();
  await desktop.close();
}, 120_000);

test('the plan form shows a server error beside its field in English when the page is in English', async () => {
  const context = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${world.baseUrl}/sign-in`);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByLabel('E-mail').fill('admin@demo.mera.local');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My account' }).waitFor();
  await page.goto(`${world.baseUrl}/campaigns?plan`);
  await page.getByRole('heading', { name: 'New campaign' }).waitFor();
  await page.getByLabel('Responsible person').selectOption({ label: 'Someone else (type a name)' });
  await page.getByLabel('Name of the responsible person').fill('Irina Petrovna');
  // No school chosen: the server refuses the plan and names schoolIds.
  await page.getByRole('button', { name: 'Plan' }).click();
  await expect(page.locator('#plan-schoolIds-error').textContent()).resolves.toBe('Choose at least one school.');
  await expectNoAxeViolations(page);
  await context.close();
}, 60_000);
