// How the respondent's page builds survey-core's model (client/src/pages/take-survey/survey-setup.ts).
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
