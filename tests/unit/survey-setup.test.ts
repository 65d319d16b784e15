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
