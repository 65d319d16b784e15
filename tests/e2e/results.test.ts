// The results page in real Chromium on the seeded demo cluster, signed in as the demo administrator:
// the checklist's indicator table with targets and met / not met in words, a chart with an
// accessible name and its table beside, the deficit heat map and seminar plan, in Russian and in
// English; axe finds no serious or critical violations; screenshots at 390, 1024 and 1440 px go to /tmp.
// Every table fits its box at 1024 and 1440 px (the cluster's view and one school's); on a 768 px tablet a
// wider one scrolls in a named box the keyboard can reach; screenshots at 768, 1024, 1440, 1920 px.
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/accounts/demo';
import { campaignsCollection } from '../../server/campaigns/data';
import { schoolsCollection } from '../../server/schools/data';
import { useSeededMeraInChromium } from '../support/e2e';
import { expectNoSeriousAxeViolations, signIn } from '../support/pages';

const world = useSeededMeraInChromium();

/** The demo's latest campaign of the instrument (open or, for the checklist's last stage, closed). */
const campaignId = async (instrumentId: string) =>
  (await world.mera.store.collection(campaignsCollection).findOne({ instrumentId }, { sort: { opensOn: -1 } }))!._id;

test('signed in as the demo administrator, the results page shows the checklist indicators against their targets with a chart and its table, in Russian then English, axe clean', async () => {
  const context = await world.browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await signIn(page, world.baseUrl, 'admin@demo.mera.local');
  await page.goto(`${world.baseUrl}/results`);
  await page.getByRole('heading', { name: 'Результаты', level: 1 }).waitFor();
  await page.getByLabel('Опрос', { exact: true }).selectOption(await campaignId('school-checklist'));
  await page.getByRole('heading', { name: 'Показатели' }).waitFor();

  // Eleven indicators at "≥ 90", each met or not in words (not colour alone), n = the nine schools.
  const rows = page.locator('#indicator-table tbody tr');
  expect(await rows.count()).toBe(11);
  const firstRow = await rows.first().locator('td').allTextContents();
  expect(firstRow[1]).toBe('≥ 90');
  expect(['✔ Достигнуто', '✘ Не достигнуто']).toContain(firstRow[2]);
  expect(firstRow[3]).toBe('9');
  await page.getByText('Для цели нужно школ: 9 из 9.').first().waitFor();

  // The chart: a canvas with an accessible name, and the same numbers per school in the table beside it.
  const chart = page.getByRole('img', { name: /Столбчатая диаграмма/ });
  await chart.waitFor();
  expect(await page.locator('#school-table tbody tr').count()).toBe(10); // nine schools and the cluster
  // The demo cluster meets some indicators and misses others, each said in words.
  const statuses = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[2]?.textContent));
  expect(statuses).toContain('✔ Достигнуто');
  expect(statuses).toContain('✘ Не достигнуто');
  await page.getByRole('link', { name: 'CSV', exact: true }).waitFor();
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: '/tmp/results-1440-ru.png', fullPage: true });

  await page.getByRole('button', { name: /^EN/ }).click();
  await page.getByRole('heading', { name: 'Results', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Indicators' }).waitFor();
  expect(await page.locator('#indicator-table tbody tr').first().locator('th').textContent()).toMatch(/Electronic planning/);
  expect(['✔ Met', '✘ Not met']).toContain(await page.locator('#indicator-table tbody tr').first().locator('td').nth(2).textContent());
  await page.getByRole('img', { name: /Bar chart: .* by school/ }).waitFor();
  await expectNoSeriousAxeViolations(page);

  await page.setViewportSize({ width: 1024, height: 900 });
  await page.screenshot({ path: '/tmp/results-1024-en.png', fullPage: true });
  await context.close();
});

test('the teacher diagnostic shows the heat map by level and the seminar plan ranked by teachers in deficit; on a phone the page is usable and axe clean', async () => {
  const context = await world.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, world.baseUrl, 'admin@demo.mera.local');
  await page.goto(`${world.baseUrl}/results?campaign=${await campaignId('teacher-deficit')}`);
  await page.getByRole('heading', { name: 'Дефициты педагогов' }).waitFor();
  // Eight areas × (cluster + nine schools), every cell a share in % (the diagnostic is not anonymous).
  expect(await page.locator('#heat-map tbody tr').count()).toBe(8);
  const firstCells = await page.locator('#heat-map tbody tr').first().locator('td.heat-cell').allTextContents();
  expect(firstCells).toHaveLength(10);
  for (const cell of firstCells) expect(cell).toMatch(/^\d+(,\d)? %$/);
  // The seminar plan: ranked by teachers in deficit, most first.
  const counts = await page
    .locator('#seminar-plan tbody tr')
    .evaluateAll((rows) => rows.map((r) => Number(r.querySelectorAll('td')[1].textContent)));
  expect(counts).toHaveLength(8);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  // Choosing another level relabels the heat map.
  await page.getByLabel('Уровень').selectOption({ label: 'Могу научить других' });
  await page.getByText('Доля педагогов на уровне «Могу научить других»').waitFor();
  // The page itself does not scroll sideways on a phone; wide tables scroll in their own box.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: '/tmp/results-390-ru.png', fullPage: true });
  await context.close();
});

/** Each table's box on the page: its table, its widths and what makes it a scroll region a keyboard can reach. */
const tableBoxes = (page: Page) =>
  page.locator('.results-scroll').evaluateAll((boxes) =>
    boxes.map((box) => ({
      table: box.querySelector('table')?.id,
      scrollWidth: box.scrollWidth,
      clientWidth: box.clientWidth,
      role: box.getAttribute('role'),
      name: box.getAttribute('aria-label') ?? '',
      tabIndex: (box as HTMLElement).tabIndex,
    })),
  );

test('at 1440 and 1024 px every table of the results page fits its box without scrolling, in the cluster view and one school beside the cluster, for the checklist, the staff survey and the teacher diagnostic; at 768 a wider table scrolls in a named box the keyboard reaches', async () => {
  const school = (await world.mera.store.collection(schoolsCollection).find({}, { sort: { number: 1 }, limit: 1 }))[0]._id;
  const views: [string, string][] = [];
  for (const instrumentId of ['school-checklist', 'staff-effectiveness', 'teacher-deficit']) {
    const id = await campaignId(instrumentId);
    views.push([instrumentId, `campaign=${id}`], [`${instrumentId}-school`, `campaign=${id}&school=${school}`]);
  }
  const context = await world.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, world.baseUrl, 'admin@demo.mera.local');
  for (const width of [1440, 1024, 768]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [name, query] of views) {
      await page.goto(`${world.baseUrl}/results?${query}`);
      await page.locator('#report-downloads').waitFor();
      const boxes = await tableBoxes(page);
      expect(boxes.length).toBeGreaterThanOrEqual(3);
      // The page never scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      if (width >= 1024) {
        expect(
          boxes
            .filter((b) => b.scrollWidth > b.clientWidth)
            .map((b) => `${name} at ${width}: #${b.table} ${b.scrollWidth} > ${b.clientWidth}`),
        ).toEqual([]);
      } else {
        for (const box of boxes.filter((b) => b.scrollWidth > b.clientWidth))
          expect({ ...box, scrollWidth: 0, clientWidth: 0, name: box.name.length > 0 }).toEqual({
            table: box.table,
            scrollWidth: 0,
            clientWidth: 0,
            role: 'region',
            name: true,
            tabIndex: 0,
          });
      }
    }
  }
  // Looked at: the school beside the cluster (the widest indicator table) at each width.
  for (const width of [768, 1024, 1440, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${world.baseUrl}/results?campaign=${await campaignId('staff-effectiveness')}&school=${school}`);
    await page.locator('#report-downloads').waitFor();
    await page.screenshot({ path: `/tmp/results-tables-${width}-ru.png`, fullPage: true });
  }
  await context.close();
});

test('without signing in, the results page asks to sign in and shows no results', async () => {
  const page = await world.browser.newPage();
  await page.goto(`${world.baseUrl}/results`);
  await page.getByText('Войдите, чтобы увидеть результаты.').waitFor();
  expect(await page.locator('#indicator-table').count()).toBe(0);
  await page.close();
});

test('signed in as a teacher, who may not see the results, the page says so in its own language', async () => {
  const page = await world.browser.newPage();
  await page.goto(`${world.baseUrl}/sign-in`);
  await page.getByLabel('Электронная почта').fill('teacher@demo.mera.local');
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await page.goto(`${world.baseUrl}/results`);
  await page.getByRole('alert').getByText('у вашей учётной записи нет доступа к результатам.').waitFor();
  await page.getByRole('button', { name: /^EN/ }).click();
  await page.getByRole('alert').getByText('your account has no access to the results.').waitFor();
  await page.close();
});
