// Issue 26, done when: in real Chromium with axe, at 1024 and 1440 px, in Russian and English, a
// cluster coordinator signs in, goes from the navigation to the framework page, sees the school
// year's twelve indicators with those missed and the schools missing each, opens one indicator's
// schools, and downloads the report whose first table is the framework. Also: the shell at 390 px
// (a menu), and the page and the report in Russian formats (no ISO dates, no decimal points).
import type { Page } from 'playwright-core';
import { schoolYearOf } from '../../server/analytics/results';
import type { FrameworkView } from '../../server/analytics/framework-views';
import { dayIn } from '../../server/calendar';
import { useSeededMeraInChromium } from '../support/e2e';
import { pdfText } from '../support/files';
import { expectNoSeriousAxeViolations, signIn } from '../support/pages';

const world = useSeededMeraInChromium();
const shots = '/tmp/shots-workspace';

/** The school year of the day the demo was seeded (its campaigns are dated from that day). */
const thisYear = () => schoolYearOf({ opensOn: dayIn(world.mera.config.timeZone, new Date()) });

const isoDate = /\b\d{4}-\d{2}-\d{2}\b/;
const decimalPoint = /\d\.\d/;

async function download(page: Page, name: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  const chunks: Buffer[] = [];
  for await (const c of await file.createReadStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const cases = [
  {
    width: 1024,
    locale: 'ru',
    nav: 'Критерии и показатели',
    sections: 'Разделы',
    summary: 'Показателей: 12.',
    button: /^Школ: \d+/,
    report: 'Аналитическая справка (PDF)',
    firstTable: 'Критерии и показатели №',
  },
  {
    width: 1440,
    locale: 'en',
    nav: 'Criteria and indicators',
    sections: 'Sections',
    summary: 'Indicators: 12.',
    button: /^Schools: \d+/,
    report: 'Analytic report (PDF)',
    firstTable: 'Criteria and indicators No.',
  },
] as const;

test.each(cases)(
  'at $width px in $locale: from the navigation to the framework page, its twelve indicators, one indicator’s schools, and the report',
  async (c) => {
    const year = thisYear();
    const context = await world.browser.newContext({ viewport: { width: c.width, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, world.baseUrl, 'cluster@demo.mera.local', { next: '/account' });
    // What the server says of the year, to hold the page to it.
    const expected = (await (
      await page.request.get(`${world.baseUrl}/api/framework?year=${encodeURIComponent(year)}`)
    ).json()) as FrameworkView;
    if (c.locale === 'en') await page.getByRole('button', { name: /^EN/ }).click();
    const nav = page.getByRole('navigation', { name: c.sections });
    // The cluster coordinator's sections: campaigns, results, the framework, users, the audit log (no teacher's diagnostic).
    await nav.getByRole('link', { name: c.nav }).waitFor();
    await expect(nav.getByRole('link').count()).resolves.toBe(5);
    await nav.getByRole('link', { name: c.nav }).click();
    await page.getByRole('heading', { name: `${c.nav}, ${year}`, level: 1 }).waitFor();
    await page.getByText(c.summary).waitFor();
    await expect(
      page.getByRole('navigation', { name: c.sections }).getByRole('link', { name: c.nav }).getAttribute('aria-current'),
    ).resolves.toBe('page');

    // Twelve indicators under two criteria; those missed say «нет» and have their schools to open.
    const table = page.locator('table.framework-table').first();
    await expect(table.locator('tbody th[scope=row]').count()).resolves.toBe(12);
    await expect(table.locator('tbody th[scope=colgroup]').count()).resolves.toBe(2);
    const missed = expected.criteria.flatMap((x) => x.indicators).filter((i) => i.met === false);
    expect(expected.summary.indicators).toBe(12);
    await expect(table.locator('tr.row-missed').count()).resolves.toBe(missed.length);
    const withSchools = missed.find((i) => i.missing.length > 0)!;
    expect(withSchools).toBeDefined();
    const row = table.locator('tr', { has: page.locator('td.num', { hasText: new RegExp(`^${withSchools.number}$`) }) });
    const button = row.getByRole('button', { name: c.button });
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
    await button.click();
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(row.getByRole('listitem').count()).resolves.toBe(withSchools.missing.length);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${shots}/framework-${c.width}-${c.locale}.png`, fullPage: true });

    // Russian formats on the page: no ISO dates, no decimal points.
    const pageText = await page.locator('main').innerText();
    if (c.locale === 'ru') {
      expect(pageText).not.toMatch(isoDate);
      expect(pageText).not.toMatch(decimalPoint);
    }

    // The report: its first table is the framework.
    const pdf = await download(page, c.report);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf).text.replace(/\s+/g, ' ');
    const first = text.indexOf(c.firstTable);
    expect(first).toBeGreaterThan(0);
    expect(text.slice(0, first)).not.toMatch(/\|/);
    if (c.locale === 'ru') {
      expect(text).not.toMatch(isoDate);
      expect(text).not.toMatch(decimalPoint);
    }
    await context.close();
  },
  120_000,
);

test('on a phone (390 px) the sections fold into a menu that opens from the keyboard and closes with Escape', async () => {
  const context = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, world.baseUrl, 'cluster@demo.mera.local', { next: '/framework' });
  await page.getByRole('heading', { name: /^Критерии и показатели, / }).waitFor();
  await page.locator('.framework-matrix').waitFor();
  // The wide tables scroll in their boxes; the page itself never scrolls sideways (it was 783 px wide).
  await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
  const link = page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Результаты' });
  await expect(link.isVisible()).resolves.toBe(false);
  const menu = page.getByRole('button', { name: 'Меню' });
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
  await link.waitFor();
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: `${shots}/framework-390-menu.png` });
  await page.keyboard.press('Escape');
  await expect(link.isVisible()).resolves.toBe(false);
  // From the results, every campaign's page is a link away (item 1).
  await menu.click();
  await link.click();
  await page.getByRole('link', { name: 'Страница кампании' }).waitFor();
  await page.screenshot({ path: `${shots}/results-390.png`, fullPage: true });
  await context.close();
}, 120_000);
