// Issue 27, item 3: an uploaded instrument without indicators has results question by question on
// the results page (a chart with its table beside, filters by a choice answer) and a report link
// that works; axe finds no serious or critical violations at 390 and 1280 px.
import request from 'supertest';
import { campaignsCollection } from '../../server/campaigns/data';
import { useSeededMeraInChromium } from '../support/e2e';
import { expectNoSeriousAxeViolations, signIn } from '../support/pages';
import { uploadedSurveyLink } from '../support/uploaded';

const world = useSeededMeraInChromium();

test('per-question results of an instrument without indicators, filtered by a choice answer, at phone and desktop width', async () => {
  const { token, campaignId } = await uploadedSurveyLink(world.mera, {
    id: 'clubs-page',
    respondentType: 'parent',
    anonymous: true,
    survey: {
      title: { ru: 'Кружки', en: 'Clubs' },
      pages: [
        {
          name: 'p',
          elements: [
            {
              type: 'radiogroup',
              name: 'who',
              title: { ru: 'Кто вы?', en: 'Who are you?' },
              choices: [
                { value: 'parent', text: { ru: 'Родитель', en: 'Parent' } },
                { value: 'pupil', text: { ru: 'Ученик', en: 'Pupil' } },
              ],
            },
            { type: 'rating', name: 'nps', title: { ru: 'Порекомендуете?', en: 'Would you recommend it?' }, rateMin: 0, rateMax: 10 },
            {
              type: 'matrixdynamic',
              name: 'clubs',
              title: { ru: 'Кружки', en: 'Clubs' },
              columns: [{ name: 'hours', title: { ru: 'Часов', en: 'Hours' }, cellType: 'text', inputType: 'number' }],
            },
          ],
        },
      ],
    },
  });
  for (let i = 0; i < 12; i++)
    await request(world.mera.app)
      .post(`/api/links/${token}/responses`)
      .send({ answers: { who: i < 6 ? 'parent' : 'pupil', nps: i % 11, clubs: [{ hours: i }] } })
      .expect(201);
  for (const [width, label] of [
    [1280, 'desktop'],
    [390, 'phone'],
  ] as const) {
    const context = await world.browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await signIn(page, world.baseUrl, 'admin@demo.mera.local');
    await page.goto(`${world.baseUrl}/results?campaign=${campaignId}`);
    await page.getByRole('heading', { name: 'Ответы по вопросам' }).waitFor();
    await page.getByRole('heading', { name: 'Порекомендуете?' }).waitFor();
    await page.getByRole('img', { name: 'Порекомендуете?' }).waitFor();
    await page.getByText('Среднее: 4,58; Медиана: 4,5').waitFor();
    expect(await page.getByText('У этого опроса нет показателей').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Аналитическая справка (PDF)' }).count()).toBe(1);
    await page.getByLabel('Только ответившие').selectOption('who:parent');
    await page.getByText('Респондентов: кластер 6').waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `/tmp/shots-instruments/question-results-${label}.png`, fullPage: true });
    await context.close();
  }
});

test('a campaign with indicators keeps its answers question by question behind a disclosure, read when opened', async () => {
  const campaign = (await world.mera.store.collection(campaignsCollection).findOne({ instrumentId: 'parent-survey', status: 'open' }))!;
  const context = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, world.baseUrl, 'admin@demo.mera.local');
  await page.goto(`${world.baseUrl}/results?campaign=${campaign._id}`);
  await page.getByRole('heading', { name: 'Показатели' }).waitFor();
  await page.locator('summary', { hasText: 'Ответы по вопросам' }).click();
  await page.getByText(/Респондентов: кластер \d+/).waitFor();
  await expectNoSeriousAxeViolations(page);
  await context.close();
});
