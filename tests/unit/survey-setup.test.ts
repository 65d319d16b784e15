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
