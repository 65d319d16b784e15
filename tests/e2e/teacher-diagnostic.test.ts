// A teacher takes the professional-deficit diagnostic in the browser and sees a profile
// whose areas, scores and levels are the ones the server computed and stored.
import { responsesCollection } from '../../server/responses/data';
import { useSeededMeraInChromium } from '../support/e2e';
import { builtinInstruments } from '../support/instruments';
import { seededToken } from '../support/mera';
import { answerWholeSurvey } from '../support/survey-driver';

const world = useSeededMeraInChromium();

test('a teacher who rates every can-do statement lowest sees every area as a deficit, with the recommended seminar', async () => {
  const { token, campaignId, schoolId } = await seededToken(world.mera, 'teacher-deficit', 'open', 1);
  const responses = world.mera.store.collection(responsesCollection);
  const before = new Set((await responses.find({ campaignId, schoolId })).map((r) => r._id));
  const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${world.baseUrl}/s/${token}`);
  await page.getByRole('heading', { name: /Диагностика профессиональных дефицитов/ }).waitFor();

  // Lowest rating everywhere; for the knowledge items «Не знаю».
  await answerWholeSurvey(page, (_name, count, texts) => (texts?.includes('Не знаю') ? texts.indexOf('Не знаю') : 0));
  await page.getByRole('heading', { name: 'Ваш профиль' }).waitFor();

  const stored = (await responses.find({ campaignId, schoolId })).filter((r) => !before.has(r._id));
  expect(stored).toHaveLength(1);
  const areas = stored[0].scores!.areas;
  expect(Object.keys(areas)).toHaveLength(8);
  for (const area of Object.values(areas)) {
    expect(area.level).toBe('deficit');
    expect(area.score).toBeLessThan(40);
  }
  expect(await page.locator('.profile-area').count()).toBe(8);
  expect(await page.locator('.profile-area-level').first().textContent()).toBe('Дефицит');
  expect(await page.locator('.profile-recommendation').count()).toBe(8);
  await page.close();
});

test('a teacher who rates every statement highest is shown as able to teach others in every area', async () => {
  const { token } = await seededToken(world.mera, 'teacher-deficit', 'open', 2);
  const page = await world.browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${world.baseUrl}/s/${token}`);
  // A form tutor (so the class portfolio is theirs); every can-do statement at its highest; every
  // knowledge item answered right, found by its text since the choices are shuffled.
  await answerWholeSurvey(page, (name, count, texts = []) => {
    if (name === 'work_role') return texts.indexOf('Классный руководитель');
    const wanted = rightAnswers.get(name) ?? 'Делаю самостоятельно и помогаю в этом коллегам';
    return texts.includes(wanted) ? texts.indexOf(wanted) : count - 1;
  });
  await page.getByRole('heading', { name: 'Ваш профиль' }).waitFor();
  const levels = await page.locator('.profile-area-level').allTextContents();
  expect(levels).toEqual(Array(8).fill('Могу научить других'));
  await page.close();
});

/** For each knowledge item, the Russian text of its choice worth the most points. */
const rightAnswers = (() => {
  const teacher = builtinInstruments.find((c) => c.instrument.id === 'teacher-deficit' && c.instrument.version === 2)!.instrument;
  const choices = new Map<string, { value: string; text: { default: string } }[]>();
  const walk = (elements: { name: string; choices?: { value: string; text: { default: string } }[]; elements?: unknown[] }[]) =>
    elements.forEach((e) => {
      if (e.choices) choices.set(e.name, e.choices);
      if (e.elements) walk(e.elements as typeof elements);
    });
  (teacher.survey as { pages: { elements: Parameters<typeof walk>[0] }[] }).pages.forEach((p) => walk(p.elements));
  const best = new Map<string, string>();
  for (const area of teacher.scoring!.areas) {
    for (const item of area.items) {
      if (!item.points) continue;
      const top = Object.entries(item.points).sort((a, b) => b[1] - a[1])[0][0];
      best.set(item.question, choices.get(item.question)!.find((c) => c.value === top)!.text.default);
    }
  }
  return best;
})();
