// Issue 27, item 1: an uploaded survey with number boxes anywhere (a number question, multiple
// text, dropdown and dynamic matrices, dynamic panels) is answered in Chromium and sent: the page
// sends numbers where the server takes numbers, and number boxes bring up the number keyboard.
// Items 5 and 6: the respondent texts follow the instrument (description, contact note, closing text).
import type { Page } from 'playwright-core';
import { streamResponses } from '../../server/responses/read';
import { useSeededMeraInChromium } from '../support/e2e';
import { uploadedSurveyLink } from '../support/uploaded';

const world = useSeededMeraInChromium();
let next = 0;

async function answersOf(campaignId: string) {
  const all: Record<string, unknown>[] = [];
  for await (const r of streamResponses(world.mera.store, { campaignId })) all.push(r.answers);
  return all;
}

/** Fills every box of a question: number boxes with 3 (a number input) or "3,5" (Mera's text box for a number question), others with a word. */
async function fillQuestion(page: Page, name: string) {
  await page.locator(`.sd-question[data-name="${name}"]`).waitFor();
  const boxes = page.locator(`.sd-question[data-name="${name}"] input`);
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i);
    const type = await box.getAttribute('type');
    const mode = await box.getAttribute('inputmode');
    await box.fill(type === 'number' ? '3' : mode === 'decimal' ? '3,5' : 'Шахматы');
    await box.blur();
  }
}

const cases: [string, Record<string, unknown>, (answers: Record<string, unknown>) => void][] = [
  [
    'a number question',
    { type: 'text', name: 'pupils', title: 'Сколько учеников?', inputType: 'number', isRequired: true },
    (a) => expect(a.pupils).toBe(3.5),
  ],
  [
    'multiple text with a number item',
    {
      type: 'multipletext',
      name: 'sizes',
      title: 'Размеры',
      items: [{ name: 'height', inputType: 'number', title: 'Рост' }, { name: 'note' }],
    },
    (a) => expect(a.sizes).toEqual({ height: 3.5, note: 'Шахматы' }),
  ],
  [
    'a dropdown matrix with a number cell',
    {
      type: 'matrixdropdown',
      name: 'hours',
      title: 'Часы',
      rows: ['mon'],
      columns: [{ name: 'h', cellType: 'text', inputType: 'number', title: 'Часов' }],
    },
    (a) => expect(a.hours).toEqual({ mon: { h: 3.5 } }),
  ],
  [
    'a dynamic matrix with a number cell',
    {
      type: 'matrixdynamic',
      name: 'clubs',
      title: 'Кружки',
      rowCount: 1,
      columns: [
        { name: 'club', cellType: 'text', title: 'Кружок' },
        { name: 'hours', cellType: 'text', inputType: 'number', title: 'Часов в неделю' },
      ],
    },
    (a) => expect(a.clubs).toEqual([{ club: 'Шахматы', hours: 3.5 }]),
  ],
  [
    'a dynamic panel with a number question',
    {
      type: 'paneldynamic',
      name: 'kids',
      title: 'Дети',
      panelCount: 1,
      templateElements: [{ type: 'text', name: 'age', title: 'Возраст', inputType: 'number' }],
    },
    (a) => expect(a.kids).toEqual([{ age: 3.5 }]),
  ],
];

test.each(cases)(
  '%s is answered on a phone and sent with numbers, its number boxes asking for the number keyboard',
  async (what, question, check) => {
    const id = `numbers-${++next}`;
    const { token, campaignId } = await uploadedSurveyLink(world.mera, {
      id,
      respondentType: 'parent',
      anonymous: true,
      survey: {
        title: `Числа: ${what}`,
        description: 'Опрос о кружках.',
        completedHtml: '<p>Готово, спасибо!</p>',
        pages: [{ name: 'p1', elements: [question] }],
      },
    });
    const context = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${world.baseUrl}/s/${token}`);
    await page.getByText('Опрос о кружках.').waitFor();
    await fillQuestion(page, String(question.name));
    const modes = await page
      .locator(`.sd-question[data-name="${String(question.name)}"] input`)
      .evaluateAll((els) =>
        els.filter((e) => (e as HTMLInputElement).type === 'number' || e.getAttribute('inputmode')).map((e) => e.getAttribute('inputmode')),
      );
    expect(modes.length).toBeGreaterThan(0);
    expect(modes.every((m) => m === 'decimal')).toBe(true);
    await page.screenshot({ path: `/tmp/shots-instruments/numbers-${next}-phone.png`, fullPage: true });
    await page.locator('.sd-navigation__complete-btn').click();
    await page.getByText('Готово, спасибо!').waitFor();
    const [answers] = await answersOf(campaignId);
    check(answers);
    await context.close();
  },
);

test('the page follows the instrument: a survey collecting contact says what it asks and why (no anonymity promise), a 0–10 scale sits on two even rows at 390 px, a ranking says how to reorder', async () => {
  const { token, campaignId } = await uploadedSurveyLink(world.mera, {
    id: 'texts-follow',
    respondentType: 'parent',
    anonymous: true,
    collectsContact: true,
    contactPurpose: { ru: 'чтобы пригласить вас на встречу клуба', en: 'to invite you to a club meeting' },
    survey: {
      title: { ru: 'Клуб выходного дня', en: 'Weekend club' },
      description: { ru: 'Пять минут о клубе.', en: 'Five minutes about the club.' },
      completedHtml: { ru: '<p>До встречи в клубе!</p>', en: '<p>See you at the club!</p>' },
      pages: [
        {
          name: 'p1',
          elements: [
            {
              type: 'rating',
              name: 'nps',
              title: { ru: 'Порекомендуете?', en: 'Would you recommend it?' },
              rateMin: 0,
              rateMax: 10,
              isRequired: true,
            },
            { type: 'ranking', name: 'order', title: { ru: 'Что важнее?', en: 'What matters more?' }, choices: ['время', 'место', 'цена'] },
            { type: 'text', name: 'email', title: { ru: 'Ваш e-mail', en: 'Your e-mail' }, inputType: 'email' },
          ],
        },
      ],
    },
  });
  for (const [width, height, label] of [
    [390, 844, 'phone'],
    [1280, 900, 'desktop'],
  ] as const) {
    const context = await world.browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await page.goto(`${world.baseUrl}/s/${token}`);
    await page.getByText('Пять минут о клубе.').waitFor();
    await page.getByText('В опросе есть вопросы о вас: «Ваш e-mail». Зачем: чтобы пригласить вас на встречу клуба').waitFor();
    expect(await page.locator('.anonymous-note').count()).toBe(0);
    await page.getByText(/Расставьте варианты по порядку: перетащите их/).waitFor();
    if (label === 'phone') {
      const tops = await page
        .locator('.sd-question[data-name="nps"] label.sd-rating__item')
        .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
      const rows = [...new Set(tops)].map((top) => tops.filter((t) => t === top).length);
      expect(rows).toEqual([6, 5]);
    }
    await page.screenshot({ path: `/tmp/shots-instruments/texts-${label}.png`, fullPage: true });
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByText('This survey asks about you: «Your e-mail». Why: to invite you to a club meeting').waitFor();
    await page.screenshot({ path: `/tmp/shots-instruments/texts-${label}-en.png`, fullPage: true });
    if (label === 'desktop') {
      await page.locator('.sd-question[data-name="nps"] label.sd-rating__item').nth(9).click();
      await page.locator('.sd-navigation__complete-btn').click();
      await page.getByText('See you at the club!').waitFor();
      expect((await answersOf(campaignId))[0]).toMatchObject({ nps: 9 });
    }
    await context.close();
  }
});

test('a survey of every choice-like type (radio, dropdown, checkbox, tagbox, ranking, boolean, matrix, comment, date) is answered in Chromium and kept with the types the server takes', async () => {
  const { token, campaignId } = await uploadedSurveyLink(world.mera, {
    id: 'every-type',
    respondentType: 'parent',
    anonymous: true,
    survey: {
      title: 'Все типы',
      pages: [
        {
          name: 'p1',
          elements: [
            { type: 'radiogroup', name: 'radio', title: 'Радио', choices: ['a', 'b'] },
            { type: 'dropdown', name: 'drop', title: 'Список', choices: [1, 2, 3] },
            { type: 'checkbox', name: 'boxes', title: 'Флажки', choices: ['x', 'y'] },
            { type: 'tagbox', name: 'tags', title: 'Метки', choices: ['t1', 't2'] },
            { type: 'ranking', name: 'rank', title: 'Порядок', choices: ['r1', 'r2', 'r3'] },
            { type: 'boolean', name: 'yes', title: 'Да или нет' },
            { type: 'matrix', name: 'grid', title: 'Сетка', rows: ['r1'], columns: [1, 2] },
            { type: 'comment', name: 'note', title: 'Заметка' },
            { type: 'text', name: 'day', title: 'День', inputType: 'date' },
          ],
        },
      ],
    },
  });
  const context = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${world.baseUrl}/s/${token}`);
  const q = (name: string) => page.locator(`.sd-question[data-name="${name}"]`);
  await q('radio').getByText('b', { exact: true }).click();
  await q('drop').locator('.sd-dropdown').click();
  await page.getByRole('option', { name: '2' }).click();
  await q('boxes').getByText('y', { exact: true }).click();
  await q('tags').locator('.sd-tagbox, .sd-dropdown, [role="combobox"]').first().click();
  await page.getByRole('option', { name: 't1' }).click();
  await page.keyboard.press('Escape');
  // A ranking with the keyboard (as its hint says): the first option moves down one place.
  await q('rank').locator('.sv-ranking-item').first().focus();
  await page.keyboard.press('ArrowDown');
  await q('yes').locator('.sd-boolean').click();
  await q('grid').locator('.sd-item').nth(1).click();
  await q('note').locator('textarea').fill('Всё понятно');
  await q('day').locator('input').fill('2026-11-30');
  await q('day').locator('input').blur();
  await page.screenshot({ path: '/tmp/shots-instruments/every-type-desktop.png', fullPage: true });
  await page.locator('.sd-navigation__complete-btn').click();
  await page.getByRole('heading', { name: 'Спасибо!' }).waitFor();
  const [answers] = await answersOf(campaignId);
  expect(answers).toMatchObject({
    radio: 'b',
    drop: 2,
    boxes: ['y'],
    tags: ['t1'],
    grid: { r1: 2 },
    note: 'Всё понятно',
    day: '2026-11-30',
  });
  expect(typeof answers.yes).toBe('boolean');
  await context.close();
});
