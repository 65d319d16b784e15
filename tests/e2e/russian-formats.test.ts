// Issue 26, item 7: the Russian pages a coordinator reads write days as «30 ноября 2026 г.» and
// numbers with a decimal comma: no ISO date (2026-11-30) and no decimal point (16.7) in the text
// of the workspace's pages, in Chromium on the seeded demo cluster.
import type { Page } from 'playwright-core';
import { campaignsCollection } from '../../server/campaigns/data';
import { useSeededMeraInChromium } from '../support/e2e';
import { signIn } from '../support/pages';

const world = useSeededMeraInChromium();

const isoDate = /\b\d{4}-\d{2}-\d{2}\b/;
const decimalPoint = /\d\.\d/;

/** The main area's text once the page has stopped loading. */
async function mainText(page: Page, path: string, ready: string): Promise<string> {
  await page.goto(`${world.baseUrl}${path}`);
  await page.getByText(ready, { exact: false }).first().waitFor();
  await page.waitForLoadState('networkidle');
  // Addresses (a link's URL, its host's digits) are not numbers a reader reads.
  return (await page.locator('main').innerText()).replace(/https?:\/\/\S+/g, '');
}

test('the framework, results, campaigns, a campaign and the audit pages in Russian: no ISO dates, no decimal points', async () => {
  const context = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, world.baseUrl, 'cluster@demo.mera.local', { next: '/account' });
  const campaigns = world.mera.store.collection(campaignsCollection);
  const staff = (await campaigns.findOne({ instrumentId: 'staff-effectiveness', status: 'open' }))!._id;
  const checklist = (await campaigns.find({ instrumentId: 'school-checklist', status: { $ne: 'planned' } }, { sort: { opensOn: -1 } }))[0]
    ._id;
  const pages: [string, string][] = [
    ['/framework', 'Показателей: 12'],
    [`/results?campaign=${staff}`, 'Показатели'],
    [`/results?campaign=${checklist}`, 'Показатели'],
    ['/campaigns', 'Список кампаний'],
    [`/campaigns?id=${staff}`, 'Результаты'],
    [`/campaigns?audit=${staff}`, 'Журнал изменений кампаний'],
  ];
  const found: string[] = [];
  for (const [path, ready] of pages) {
    const text = await mainText(page, path, ready);
    for (const pattern of [isoDate, decimalPoint]) {
      const match = pattern.exec(text);
      if (match) found.push(`${path}: «${text.slice(Math.max(0, match.index - 40), match.index + 20).replace(/\s+/g, ' ')}»`);
    }
  }
  expect(found).toEqual([]);

  // The cluster coordinator's audit page (item 8): it reads the campaign's log, names the instrument, not its id.
  const audit = await mainText(page, '/campaigns?audit', 'Журнал изменений кампаний');
  await page.locator('.audit-table, main p:not([role=status])').first().waitFor();
  const log = await page.locator('main').innerText();
  expect(log).not.toContain('Загрузка');
  expect(audit + log).not.toMatch(/недоступно|school-checklist|staff-effectiveness|parent-survey|teacher-deficit/);
  await context.close();
}, 180_000);
