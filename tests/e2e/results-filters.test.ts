// The results page's filters and views in real Chromium, on campaigns this file makes itself (not
// the demo's numbers): the filters live in the address; one school's values stand beside the
// cluster's; the trend over two campaigns shows a withheld point as "too few answers"; a school
// coordinator's list holds only their school's campaigns. axe finds nothing serious or critical in
// Russian and English at 1024 and 1440 px, nor on a 390 px phone; screenshots go to /tmp.
import type { Page } from 'playwright-core';
import { rebuildRollups } from '../../server/analytics/rollups';
import { campaignsCollection } from '../../server/campaigns/data';
import { responsesCollection } from '../../server/responses/data';
import { schoolsCollection } from '../../server/schools/data';
import { getInstrument } from '../../server/surveys/catalogue';
import { makeUser, PASSWORD } from '../support/accounts';
import { useSeededMeraInChromium } from '../support/e2e';
import { expectNoSeriousAxeViolations, signIn } from '../support/pages';

const world = useSeededMeraInChromium();
let schoolA: string;
let schoolB: string;
let currentId: string;

/** A staff survey campaign with the given satisfaction answers per school, its rollups rebuilt. */
async function staffCampaign(title: string, opensOn: string, answers: [string, number, 'admin' | 'teacher', number][]) {
  const { store } = world.mera;
  const compiled = await getInstrument(store, 'staff-effectiveness');
  const campaign = await store.collection(campaignsCollection).insertOne({
    title: { default: `${title} (проверка)`, en: `${title} (check)` },
    instrumentId: 'staff-effectiveness',
    instrumentVersion: compiled.instrument.version,
    schoolIds: [schoolA, schoolB],
    status: 'closed',
    opensOn,
    closesOn: opensOn.replace(/-\d\d$/, '-28'),
    demo: false,
    createdAt: new Date(),
  });
  for (const [schoolId, count, role, satisfaction] of answers) {
    for (let i = 0; i < count; i++) {
      await store.collection(responsesCollection).insertOne({
        campaignId: campaign._id,
        schoolId,
        instrumentId: 'staff-effectiveness',
        instrumentVersion: compiled.instrument.version,
        respondentType: 'teacher',
        day: opensOn,
        answers: { role, sat_overall: satisfaction },
      });
    }
  }
  await rebuildRollups(store, campaign._id);
  return campaign._id;
}

beforeAll(async () => {
  const schools = await world.mera.store.collection(schoolsCollection).find({}, { sort: { number: 1 }, limit: 2 });
  [schoolA, schoolB] = schools.map((s) => s._id);
  // Far in the past, so they are the only staff surveys of their years and the demo's do not mix in.
  await staffCampaign('Опрос педагогов, 2019', '2019-10-01', [
    [schoolA, 3, 'teacher', 5],
    [schoolB, 6, 'teacher', 2],
  ]);
  currentId = await staffCampaign('Опрос педагогов, 2020', '2020-10-01', [
    [schoolA, 6, 'teacher', 4],
    [schoolA, 5, 'admin', 5],
    [schoolB, 6, 'teacher', 1],
  ]);
  await makeUser(world.mera.store, 'results.coordinator@school.test', 'school-coordinator', schoolA);
});

const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

test('a cluster view narrowed by year, respondents, school and role keeps every filter in the address, and the shared address opens the same view; the trend marks a withheld point; axe clean in Russian and English at 1440 and 1024', async () => {
  const context = await world.browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await signIn(page, world.baseUrl, 'admin@demo.mera.local');
  await page.goto(`${world.baseUrl}/results`);
  await page.getByRole('heading', { name: 'Результаты', level: 1 }).waitFor();

  await page.getByLabel('Учебный год').selectOption('2020/21');
  await page.getByLabel('Кто отвечал').selectOption('teacher');
  expect(await page.getByLabel('Опрос', { exact: true }).inputValue()).toBe(currentId);
  await page.getByRole('heading', { name: 'Опрос педагогов, 2020 (проверка)' }).waitFor();
  // Cluster: 11 of 17 answered 4–5; the trend has both campaigns, the cluster shown each time.
  // The value, then (a share of respondents) its 95 % Wilson interval beneath.
  expect(await page.locator('#indicator-table tbody tr').first().locator('td').first().textContent()).toMatch(/^64,7 %95 % ДИ: /);
  expect(await page.locator('#trend-table tbody tr').count()).toBe(2);
  await page.getByRole('img', { name: /Линейная диаграмма/ }).waitFor();

  await page.getByLabel('Школа', { exact: true }).selectOption(schoolA);
  await page.locator('#indicator-table thead th[scope="colgroup"]').first().waitFor();
  expect(param(page, 'school')).toBe(schoolA);
  // The school (11 of 11) beside the cluster (11 of 17).
  const row = await page.locator('#indicator-table tbody tr').first().locator('td').allTextContents();
  expect(row[0]).toBe('100 %');
  expect(row[4]).toMatch(/^64,7 %/);
  // The earlier campaign: school A had three answers, so its point is withheld (and in no total).
  await page.locator('#trend-table tbody tr').first().getByText('мало ответов').waitFor();
  await page.getByRole('img', { name: /Столбчатая диаграмма: .* школа и кластер/ }).waitFor();

  await page.getByLabel('Группа респондентов').selectOption('admin');
  await page.getByText('Только ответы группы').waitFor();
  expect(param(page, 'role')).toBe('admin');
  expect(await page.locator('#indicator-table tbody tr').first().locator('td').first().textContent()).toBe('100 %');
  // Every download follows the same school and role, and the page says what a group's responses leave out.
  const query = `school=${schoolA}&role=admin`;
  expect(await page.getByRole('link', { name: 'CSV', exact: true }).getAttribute('href')).toBe(
    `/api/results/campaigns/${currentId}/indicators.csv?${query}`,
  );
  expect(await page.getByRole('link', { name: 'Аналитическая справка (PDF)' }).getAttribute('href')).toBe(
    `/api/results/campaigns/${currentId}/report.pdf?${query}`,
  );
  expect(await page.getByRole('link', { name: 'Ответы без имён: XLSX (Excel)' }).getAttribute('href')).toBe(
    `/api/results/campaigns/${currentId}/responses.xlsx?${query}`,
  );
  await page.getByText('Справка и ответы — только по выбранной группе.').waitFor();
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: '/tmp/results-filters-1440-ru.png', fullPage: true });

  // The address is the view: opened afresh, it shows the same filters.
  const shared = page.url();
  expect(Object.fromEntries(new URL(shared).searchParams)).toEqual({
    year: '2020/21',
    type: 'teacher',
    campaign: currentId,
    school: schoolA,
    role: 'admin',
  });
  const again = await context.newPage();
  await again.goto(shared);
  await again.getByText('Только ответы группы').waitFor();
  expect(await again.getByLabel('Школа', { exact: true }).inputValue()).toBe(schoolA);
  await again.close();

  await page.getByRole('button', { name: /^EN/ }).click();
  await page.getByRole('heading', { name: 'Trend over campaigns' }).waitFor();
  await page.getByText('Only the answers of the group').waitFor();
  // The administration did not answer the earlier campaign: a missing point, not a withheld one.
  await page.locator('#trend-table tbody tr').first().getByText('no data').first().waitFor();
  await expectNoSeriousAxeViolations(page);
  await page.setViewportSize({ width: 1024, height: 900 });
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: '/tmp/results-filters-1024-en.png', fullPage: true });
  await context.close();
});

test("a school coordinator's page lists only their school's campaigns and shows their school beside the cluster, axe clean at 1024 in both languages and on a 390 px phone", async () => {
  const context = await world.browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await signIn(page, world.baseUrl, 'results.coordinator@school.test', { password: PASSWORD });
  await page.goto(`${world.baseUrl}/results?campaign=${currentId}`);
  await page.getByRole('heading', { name: /Опрос педагогов, 2020 \(проверка\) — / }).waitFor();
  const offered = await page
    .getByLabel('Опрос', { exact: true })
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  const withSchool = await world.mera.store.collection(campaignsCollection).find({ schoolIds: schoolA, status: { $ne: 'planned' } });
  expect(offered.sort()).toEqual(withSchool.map((c) => c._id).sort());
  // No school to choose: their own is fixed, its values beside the cluster's.
  expect(await page.locator('#results-school').count()).toBe(0);
  await page.locator('#indicator-table thead th[scope="colgroup"]').first().waitFor();
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: '/tmp/results-coordinator-1024-ru.png', fullPage: true });
  await page.getByRole('button', { name: /^EN/ }).click();
  await page.getByRole('heading', { name: 'The school and the cluster' }).waitFor();
  await expectNoSeriousAxeViolations(page);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: /^RU/ }).click();
  await page.getByRole('heading', { name: 'Динамика по опросам' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: '/tmp/results-coordinator-390-ru.png', fullPage: true });
  await context.close();
});
