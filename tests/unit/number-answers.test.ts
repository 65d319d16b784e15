// The respondent page's numbers (issue 27, item 1): a number box's text is sent as a number wherever
// the box sits, and a refused answer's field is named by the titles the respondent sees.
import { Model } from 'survey-core';
import { fieldTitle } from '../../client/src/pages/take-survey/field-title';
import { numberShape, withNumbers } from '../../client/src/pages/take-survey/number-answers';

const survey = {
  questions: [
    { type: 'text', name: 'pupils', inputType: 'number' },
    { type: 'text', name: 'price', maskType: 'numeric' },
    { type: 'text', name: 'word' },
    {
      type: 'multipletext',
      name: 'sizes',
      items: [{ name: 'height', inputType: 'number', title: { ru: 'Рост', en: 'Height' } }, { name: 'note' }],
    },
    {
      type: 'matrixdynamic',
      name: 'clubs',
      title: { ru: 'Кружки', en: 'Clubs' },
      columns: [
        { name: 'club', cellType: 'text' },
        { name: 'hours', cellType: 'text', inputType: 'number', title: { ru: 'Часов', en: 'Hours' } },
      ],
    },
    { type: 'matrixdropdown', name: 'week', cellType: 'text', rows: ['mon'], columns: [{ name: 'h', inputType: 'number' }] },
    {
      type: 'panel',
      name: 'box',
      elements: [
        { type: 'paneldynamic', name: 'kids', templateElements: [{ type: 'text', name: 'age', inputType: 'number', title: 'Возраст' }] },
      ],
    },
  ],
};

test('every number box is sent as a number: questions, masks, multiple text items, matrix cells, dynamic panels; other texts stay', () => {
  const sent = withNumbers(
    {
      pupils: '3,5',
      price: 12,
      word: '7',
      sizes: { height: '170', note: '1' },
      clubs: [{ club: 'Шахматы', hours: '2' }, { hours: ' ' }],
      week: { mon: { h: '4' } },
      kids: [{ age: '7' }],
    },
    numberShape(survey),
  );
  expect(sent).toEqual({
    pupils: 3.5,
    price: 12,
    word: '7',
    sizes: { height: 170, note: '1' },
    clubs: [{ club: 'Шахматы', hours: 2 }, {}],
    week: { mon: { h: 4 } },
    kids: [{ age: 7 }],
  });
});

test('a refused field is named by the question, cell or item title in the page language, with its row', () => {
  const model = new Model(survey);
  model.locale = 'ru';
  expect(fieldTitle(model, 'clubs[0].hours', 'ru')).toBe('Кружки — Часов (№ 1)');
  model.locale = 'en';
  expect(fieldTitle(model, 'answers.clubs[1].hours', 'en')).toBe('Clubs — Hours (no. 2)');
  expect(fieldTitle(model, 'sizes.height', 'en')).toBe('sizes — Height');
  expect(fieldTitle(model, 'kids[0].age', 'ru')).toBe('kids — Возраст (№ 1)');
});
