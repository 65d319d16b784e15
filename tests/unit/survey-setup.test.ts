// How the respondent's page builds survey-core's model (client/src/pages/take-survey/survey-setup.ts).
import type { ImageItemValue, QuestionImagePickerModel, QuestionMatrixDynamicModel } from 'survey-core';
import { buildSurveyModel } from '../../client/src/pages/take-survey/survey-setup';
import { builtinInstruments } from '../support/instruments';

const parentSurvey = builtinInstruments.find((c) => c.instrument.id === 'parent-survey')!.instrument.survey as Record<string, unknown>;

test("a survey built for a phone-wide window starts in survey-core's phone layout, so it is not rendered a second time once measured", () => {
  expect(buildSurveyModel(parentSurvey, () => 'ru', 390).model.isMobile).toBe(true);
});

test('a survey built for a desktop-wide window (1024 px and more) starts in the desktop layout', () => {
  expect(buildSurveyModel(parentSurvey, () => 'ru', 1024).model.isMobile).toBe(false);
  expect(buildSurveyModel(parentSurvey, () => 'ru', 1920).model.isMobile).toBe(false);
});

test('an image choice shows its text under the image (an image that does not load still leaves a choice to tell apart), unless the survey says showLabel: false', () => {
  const choices = [{ value: 'lion', imageLink: '/l.png' }];
  const { model } = buildSurveyModel(
    {
      elements: [
        { type: 'imagepicker', name: 'logo', choices },
        { type: 'imagepicker', name: 'plain', choices, showLabel: false },
        { type: 'paneldynamic', name: 'kids', panelCount: 1, templateElements: [{ type: 'imagepicker', name: 'pet', choices }] },
      ],
    },
    () => 'ru',
    1280,
  );
  const showLabel = (name: string) =>
    model
      .getAllQuestions(false, false, true)
      .find((q) => q.name === name)
      ?.getPropertyValue('showLabel');
  expect([showLabel('logo'), showLabel('plain'), showLabel('pet')]).toEqual([true, false, true]);
});

test("an image choice whose image did not load stays enabled and shows as chosen; a multiple choice read from the input's text keeps the choice's number", () => {
  const choices = [
    { value: 1, imageLink: '/one.png' },
    { value: 2, imageLink: '/two.png' },
  ];
  const { model } = buildSurveyModel(
    {
      elements: [
        { type: 'imagepicker', name: 'one', choices },
        { type: 'imagepicker', name: 'many', multiSelect: true, choices },
      ],
    },
    () => 'ru',
    1280,
  );
  const one = model.getQuestionByName('one') as QuestionImagePickerModel;
  const many = model.getQuestionByName('many') as QuestionImagePickerModel;
  for (const q of [one, many]) for (const item of q.visibleChoices) (item as ImageItemValue).onErrorHandler();
  expect(one.visibleChoices.map((item) => one.getItemEnabled(item))).toEqual([true, true]);
  // survey-react-ui sets the value from the input's text, as here.
  one.value = '2';
  many.value = [...(many.value as unknown[]), '1'];
  many.value = [...(many.value as unknown[]), '2'];
  expect(model.data).toEqual({ one: 2, many: [1, 2] });
  expect(one.visibleChoices.map((item) => one.isItemSelected(item))).toEqual([false, true]);
  expect(many.visibleChoices.map((item) => many.isItemSelected(item))).toEqual([true, true]);
});

test("matrix cells and dynamic panels' questions keep their own titles (only the survey's own repeated questions are told apart)", () => {
  const { model } = buildSurveyModel(
    {
      elements: [
        {
          type: 'matrixdropdown',
          name: 'subjects',
          rows: ['math', 'art'],
          columns: [
            { name: 'hours', cellType: 'text' },
            { name: 'why', cellType: 'comment' },
          ],
        },
        { type: 'paneldynamic', name: 'kids', panelCount: 2, templateElements: [{ type: 'text', name: 'age' }] },
        { type: 'text', name: 'item1', title: 'Пункт 1' },
        { type: 'comment', name: 'e1', title: 'Подтверждение' },
        { type: 'text', name: 'item2' },
        { type: 'comment', name: 'e2', title: 'Подтверждение' },
      ],
    },
    () => 'ru',
    1280,
  );
  const titles = model
    .getAllQuestions(false, false, true)
    .filter((q) => q.parentQuestion)
    .map((q) => q.title);
  expect(new Set(titles)).toEqual(new Set(['hours', 'why', 'age']));
  expect([model.getQuestionByName('e1').title, model.getQuestionByName('e2').title]).toEqual([
    'Подтверждение — «Пункт 1»',
    'Подтверждение — «item2»',
  ]);
});

test("a dynamic matrix with a column total draws its totals' row: the page's cell hook skips a total's cell, which has no matrix", () => {
  const { model } = buildSurveyModel(
    {
      elements: [
        {
          type: 'matrixdynamic',
          name: 'items',
          rowCount: 1,
          columns: [{ name: 'qty', cellType: 'text', inputType: 'number', totalType: 'sum' }],
        },
      ],
    },
    () => 'ru',
    1280,
  );
  const matrix = model.getQuestionByName('items') as QuestionMatrixDynamicModel;
  const total = matrix.renderedTable.footerRow.cells.find((c) => c.question)!;
  // What survey-react-ui calls once it has drawn the cell.
  const drawn = { querySelector: () => null } as unknown as HTMLElement;
  expect(() =>
    model.matrixAfterCellRender({
      cellQuestion: total.question,
      htmlElement: drawn,
      cell: total,
      row: total.row,
      column: total.cell?.column,
    }),
  ).not.toThrow();
});
