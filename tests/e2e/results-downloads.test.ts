// The results page's downloads in real Chromium on the seeded demo cluster: the analytic report
// (a PDF, in the page's language) and the anonymous responses, with what the export leaves out said
// before the download; axe finds no serious or critical violations in that part.
import AxeBuilder from '@axe-core/playwright';
import { DEMO_PASSWORD } from '../../server/accounts/demo';
import { campaignsCollection } from '../../server/campaigns/data';
import { useSeededMeraInChromium } from '../support/e2e';

const world = useSeededMeraInChromium();

test("on a parent survey's results the report downloads as a PDF in Russian, then in English once the page is English, and the responses' links say the rows are shuffled", async () => {
  const context = await world.browser.newContext({ viewport: { width: 1024, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${world.baseUrl}/sign-in`);
  await page.getByLabel('Электронная почта').fill('admin@demo.mera.local');
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  const id = (await world.mera.store.collection(campaignsCollection).findOne({ instrumentId: 'parent-survey', status: 'open' }))!._id;
  await page.goto(`${world.baseUrl}/results?campaign=${id}`);
  await page.getByRole('heading', { name: 'Справка и ответы' }).waitFor();
  await page.getByText('Строки идут в случайном порядке').waitFor();
  expect(await page.getByRole('link', { name: 'Ответы без имён: CSV' }).getAttribute('href')).toBe(
    `/api/results/campaigns/${id}/responses.csv`,
  );

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Аналитическая справка (PDF)' }).click(),
  ]);
  const pdf = await download.createReadStream().then(async (s) => {
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Справка и ответы' }) });
  const axe = await new AxeBuilder({ page })
    .include('section:has(#report-downloads)')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await section.screenshot({ path: '/tmp/results-downloads-1024-ru.png' });

  await page.getByRole('button', { name: /^EN/ }).click();
  await page.getByRole('heading', { name: 'Report and responses' }).waitFor();
  expect(await page.getByRole('link', { name: 'Analytic report (PDF)' }).getAttribute('href')).toBe(
    `/api/results/campaigns/${id}/report.pdf?lang=en`,
  );
  await context.close();
});
