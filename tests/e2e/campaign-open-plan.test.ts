// Issue 26, item 8, in the browser: the cluster coordinator changes the plan of an open campaign.
// «Изменить план» shows what stays fixed (the instrument, the opening day, the schools taking part)
// read-only with the reason; a school is added with its target and the first school's target
// changes; a bad target for the new school is refused naming that school. Saved, the campaign's
// page shows the new school's link and the rates against the new targets. Russian and English, 1280
// and 390 px, axe on every view. Screenshots go to /tmp/shots-openplan/.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { openCampaign } from '../../server/campaigns/launch';
import { linkSecret } from '../../server/campaigns/links';
import { createCampaign, loadCampaign } from '../../server/campaigns/planning';
import { schoolsCollection } from '../../server/schools/data';
import { contextAt, parentPlan } from '../support/campaigns';
import { useSeededMeraInChromium } from '../support/e2e';
import { expectNoAxeViolations, localDay, signIn } from '../support/pages';

const world = useSeededMeraInChromium();
const shots = '/tmp/shots-openplan';

async function openParentCampaign(title: string) {
  const { store, config } = world.mera;
  const schools = await store.collection(schoolsCollection).find({}, { sort: { number: 1 } });
  const now = new Date();
  const planned = await createCampaign(
    store,
    parentPlan([schools[0]._id], localDay(0), localDay(14), { title: { default: title, en: title }, targets: { [schools[0]._id]: 10 } }),
    contextAt(now),
  );
  await openCampaign(store, planned._id, { ...contextAt(now), secret: await linkSecret(store, config.secret) });
  return { id: planned._id, schools };
}

const schoolRow = (page: Page, index: number) => page.locator('.plan-school').nth(index);

test('the cluster coordinator adds a school to an open campaign and changes a target; the fixed fields say why they stay', async () => {
  fs.mkdirSync(shots, { recursive: true });
  const { id, schools } = await openParentCampaign('Родители, открытая кампания');
  const context = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, world.baseUrl, 'cluster@demo.mera.local', { next: `/campaigns?id=${id}` });
  await page.getByRole('heading', { name: 'Родители, открытая кампания' }).waitFor();
  await page.getByRole('link', { name: 'Изменить план' }).click();
  await page.getByRole('heading', { name: 'Изменить план кампании' }).waitFor();
  await page.getByText('можно добавить школы').waitFor();

  // What stays: the instrument, the opening day and the school taking part, each read-only with the reason.
  await expect(page.getByLabel('Инструмент').isDisabled()).resolves.toBe(true);
  await expect(page.getByLabel('День открытия').isDisabled()).resolves.toBe(true);
  await expect(schoolRow(page, 0).getByRole('checkbox').isDisabled()).resolves.toBe(true);
  await schoolRow(page, 0).getByText('участвует').waitFor();
  await page.getByText('Школы, уже участвующие в кампании, убрать нельзя').waitFor();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${shots}/open-plan-form-1280.png`, fullPage: true });

  // The new school with a target of 0: refused beside the schools, naming the school.
  await schoolRow(page, 1).getByRole('checkbox').check();
  await schoolRow(page, 1).getByLabel('Ожидаемое число ответов').fill('0');
  await schoolRow(page, 0).getByLabel('Ожидаемое число ответов').fill('4');
  await page.getByRole('button', { name: 'Сохранить изменения' }).click();
  // The error stands in the new school's row, and its target field is described by it.
  const error = schoolRow(page, 1).locator('.form-error');
  await error.waitFor();
  await expect(schoolRow(page, 1).getByLabel('Ожидаемое число ответов').getAttribute('aria-invalid')).resolves.toBe('true');
  const secondName = schools[1].shortName.default;
  await expect(error.textContent()).resolves.toContain(secondName);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${shots}/open-plan-error-1280.png`, fullPage: true });

  await schoolRow(page, 1).getByLabel('Ожидаемое число ответов').fill('6');
  await page.getByRole('button', { name: 'Сохранить изменения' }).click();
  await page.waitForURL((url) => url.searchParams.get('id') === id);
  // The campaign's page: the new school's link with its QR code, the rates against the new targets.
  await page.getByRole('heading', { name: secondName, level: 3 }).waitFor();
  await page.getByRole('img', { name: new RegExp(`QR-код ссылки для школы ${secondName}`) }).waitFor();
  const rows = page.locator('.rates-table tbody tr');
  await expect(rows.nth(0).locator('td').allTextContents()).resolves.toEqual(['0', '4', '0 %']);
  await expect(rows.nth(1).locator('td').allTextContents()).resolves.toEqual(['0', '6', '0 %']);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${shots}/open-campaign-after-1280.png`, fullPage: true });
  const stored = await loadCampaign(world.mera.store, id);
  expect(stored.schoolIds).toEqual([schools[0]._id, schools[1]._id]);
  expect(stored.targets).toEqual({ [schools[0]._id]: 4, [schools[1]._id]: 6 });

  // On a phone, in English: the same form, the two schools now fixed, a third one can be added.
  const phoneContext = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await phoneContext.newPage();
  await signIn(phone, world.baseUrl, 'cluster@demo.mera.local', { next: `/campaigns?edit=${id}` });
  await phone.getByRole('heading', { name: 'Изменить план кампании' }).waitFor();
  await phone.getByRole('button', { name: 'English' }).click();
  await phone.getByRole('heading', { name: 'Change the campaign’s plan' }).waitFor();
  await phone.getByText('Schools already taking part cannot be removed').waitFor();
  await expect(schoolRow(phone, 1).getByRole('checkbox').isDisabled()).resolves.toBe(true);
  await expect(schoolRow(phone, 2).getByRole('checkbox').isDisabled()).resolves.toBe(false);
  await expectNoAxeViolations(phone);
  await phone.screenshot({ path: `${shots}/open-plan-form-390-en.png`, fullPage: true });
  // The page is no wider than the phone.
  await expect(phone.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
  await phoneContext.close();
  await context.close();
}, 120_000);
