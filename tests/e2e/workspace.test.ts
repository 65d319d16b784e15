// Issue 26 in Chromium on the seeded demo: every campaign links to its results and every result to
// its campaign (item 1); a school coordinator is not offered the actions that would answer 403
// (item 8); the users' list has a search, filters and pages, and its file input reads in Russian
// (item 9); with one school chosen, a checklist's target counts the cluster's schools and the school's
// answers read да / частично / нет (items 3 and 7). axe finds nothing serious or critical on these pages.
import { campaignsCollection } from '../../server/campaigns/data';
import { schoolsCollection } from '../../server/schools/data';
import { useSeededMeraInChromium } from '../support/e2e';
import { expectNoSeriousAxeViolations, signIn } from '../support/pages';

const world = useSeededMeraInChromium();
const shots = '/tmp/shots-workspace';

test('from the campaigns list to a campaign’s results and back to its page (item 1)', async () => {
  const context = await world.browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await signIn(page, world.baseUrl, 'cluster@demo.mera.local', { next: '/campaigns' });
  const staff = (await world.mera.store.collection(campaignsCollection).findOne({ instrumentId: 'staff-effectiveness', status: 'open' }))!;
  await page.getByRole('heading', { name: 'Список кампаний' }).waitFor();
  await page
    .locator('table.campaign-list tr', { hasText: staff.title.default })
    .getByRole('link', { name: /^Результаты/ })
    .click();
  await page.waitForURL(/\/results\?/);
  await page.getByRole('heading', { name: staff.title.default, level: 2 }).waitFor();
  await page.getByRole('link', { name: 'Страница кампании' }).click();
  await page.getByRole('heading', { name: staff.title.default, level: 1 }).waitFor();
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: `${shots}/campaign-1024.png`, fullPage: true });
  await page.getByRole('main').getByRole('link', { name: 'Результаты' }).click();
  await page.waitForURL((url) => url.pathname === '/results' && url.searchParams.get('campaign') === staff._id);
  await page
    .getByText(/95 % ДИ: \d+(,\d)?–\d+(,\d)?/)
    .first()
    .waitFor();
  await page.screenshot({ path: `${shots}/results-staff-1024.png`, fullPage: true });
  await context.close();
}, 120_000);

test('a school coordinator sees a campaign without «Изменить план» or «Закрыть» (item 8)', async () => {
  const context = await world.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, world.baseUrl, 'coordinator@demo.mera.local', { next: '/campaigns' });
  const nav = page.getByRole('navigation', { name: 'Разделы' });
  await nav.getByRole('link', { name: 'Мои задачи' }).waitFor();
  await expect(nav.getByRole('link', { name: 'Критерии и показатели' }).count()).resolves.toBe(0);
  const open = (await world.mera.store.collection(campaignsCollection).findOne({ instrumentId: 'parent-survey', status: 'open' }))!;
  await page.goto(`${world.baseUrl}/campaigns?id=${open._id}`);
  await page.getByRole('heading', { name: open.title.default, level: 1 }).waitFor();
  await page.getByRole('main').getByRole('link', { name: 'Результаты' }).waitFor();
  await expect(page.getByRole('link', { name: 'Изменить план' }).count()).resolves.toBe(0);
  await expect(page.getByRole('button', { name: 'Закрыть' }).count()).resolves.toBe(0);
  await context.close();
}, 120_000);

test('the users list: search, a role filter, pages, and a file input in Russian (item 9)', async () => {
  const context = await world.browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await signIn(page, world.baseUrl, 'admin@demo.mera.local', { next: '/account' });
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Пользователи' }).click();
  const status = page.getByRole('navigation', { name: 'Страницы списка' }).getByRole('status');
  await status.filter({ hasText: /^Показаны 1–\d+ из \d+$/ }).waitFor();
  const all = Number(/из (\d+)/.exec(await status.innerText())![1]);
  const rows = page.locator('.users-table tbody tr');
  await expect(rows.count()).resolves.toBe(Math.min(all, 25));
  if (all > 25) {
    await page.getByRole('button', { name: 'Следующая страница' }).click();
    await status.filter({ hasText: new RegExp(`^Показаны 26–${Math.min(all, 50)} из ${all}$`) }).waitFor();
  }
  await page.getByLabel('Поиск по имени или почте').fill('Учителева');
  await status.filter({ hasText: 'Показаны 1–1 из 1' }).waitFor();
  await expect(rows.first().innerText()).resolves.toContain('teacher@demo.mera.local');
  await page.getByLabel('Поиск по имени или почте').fill('');
  await page.getByRole('group', { name: 'Поиск и отбор пользователей' }).getByLabel('Роль').selectOption({ label: 'координатор кластера' });
  await expect(rows.allInnerTexts()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('cluster@demo.mera.local')]));
  // The roster's file: the page's own button (from the keyboard), the chosen file named in Russian, never «Choose File».
  // Interception on well before the key press (Playwright turns it on without waiting when a listener is added).
  page.on('filechooser', () => undefined);
  await page.getByText('Файл не выбран').waitFor();
  // locator.press focuses the button and presses Enter on it as one step (a re-render in between cannot lose the focus).
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Выбрать файл' }).press('Enter'),
  ]);
  await chooser.setFiles({ name: 'педагоги.csv', mimeType: 'text/csv', buffer: Buffer.from('Имя;Почта\n') });
  await page.getByText('Выбран файл «педагоги.csv»').waitFor();
  await expect(page.getByText(/Choose File|No file chosen/).count()).resolves.toBe(0);
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: `${shots}/users-1024.png`, fullPage: true });
  await context.close();
}, 120_000);

test('the teacher diagnostic: each area’s pooled score for the cluster and each school with n teachers, and its change from September over the same teachers (item 6)', async () => {
  const context = await world.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, world.baseUrl, 'cluster@demo.mera.local', { next: '/account' });
  const diagnostic = (
    await world.mera.store
      .collection(campaignsCollection)
      .find({ instrumentId: 'teacher-deficit', status: 'closed' }, { sort: { opensOn: -1 } })
  )[0];
  await page.goto(`${world.baseUrl}/results?campaign=${diagnostic._id}`);
  await page.getByRole('heading', { name: 'Средний результат по направлениям и школам' }).waitFor();
  const table = page.locator('#pooled-scores');
  await expect(table.locator('tbody tr').count()).resolves.toBe(8);
  await expect(table.locator('tbody tr').first().locator('td').first().innerText()).resolves.toMatch(/^\d+(,\d)? %\s*n = \d+$/);
  // The change from September over the teachers who took both.
  await page.getByRole('heading', { name: 'Изменение с прошлой диагностики' }).waitFor();
  await expect(page.locator('#diagnostic-change tbody tr').count()).resolves.toBe(8);
  await expect(page.locator('#diagnostic-change tbody tr').first().locator('td').first().innerText()).resolves.toMatch(
    /^(\+|−)?\d+(,\d)? п\.п\.\s+\d+(,\d)? → \d+(,\d)?\s+n = \d+$/,
  );
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: `${shots}/results-diagnostic-1440.png`, fullPage: true });
  await context.close();
}, 120_000);

test('a checklist with one school chosen: the target needs 9 schools of the cluster’s 9, and the school’s answers read да / частично / нет, in Russian and English (items 3 and 7)', async () => {
  const context = await world.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, world.baseUrl, 'cluster@demo.mera.local', { next: '/account' });
  const checklist = (
    await world.mera.store
      .collection(campaignsCollection)
      .find({ instrumentId: 'school-checklist', status: 'closed' }, { sort: { opensOn: -1 } })
  )[0];
  const school = (await world.mera.store.collection(schoolsCollection).find({}, { sort: { number: 1 }, limit: 1 }))[0];
  await page.goto(`${world.baseUrl}/results?campaign=${checklist._id}&school=${school._id}`);
  await page.locator('#indicator-table thead th[scope="colgroup"]').first().waitFor();
  const rows = page.locator('#indicator-table tbody tr');
  await expect(rows.count()).resolves.toBe(11);
  // «Для цели нужно школ: 9 из 1.» was the school's n: the target is the cluster's, 9 of its 9 schools.
  const needs = await page
    .locator('#indicator-table')
    .getByText(/^Для цели нужно школ/)
    .allInnerTexts();
  expect(needs).toHaveLength(11);
  expect(new Set(needs)).toEqual(new Set(['Для цели нужно школ: 9 из 9.']));
  // The school's own answer in words (it read «100 %» or «0 %»), in the indicator table and the per-school table.
  const answers = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')!.textContent));
  expect(answers.every((a) => ['да', 'частично', 'нет', 'нет ответа'].includes(a ?? ''))).toBe(true);
  const inSchoolTable = await page.locator('#school-table tbody tr').first().locator('td').first().innerText();
  expect(['да', 'частично', 'нет', 'нет ответа']).toContain(inSchoolTable);
  // And over time: the trend table's school column reads the school's answers, not a share of one school.
  const trendSchool = await page
    .locator('section[aria-labelledby="trend-title"] table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[1]?.textContent ?? ''));
  expect(trendSchool.length).toBeGreaterThan(1);
  expect(trendSchool.every((a) => ['да', 'частично', 'нет'].includes(a))).toBe(true);
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: `${shots}/results-checklist-school-1440-ru.png`, fullPage: true });

  await page.getByRole('button', { name: /^EN/ }).click();
  await page.getByText('The target takes 9 schools of 9.').first().waitFor();
  const english = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')!.textContent));
  expect(english.every((a) => ['yes', 'partly', 'no', 'no answer'].includes(a ?? ''))).toBe(true);
  await page.screenshot({ path: `${shots}/results-checklist-school-1440-en.png`, fullPage: true });
  await context.close();
}, 120_000);
