// Numbers typed the Russian way read the same on the page and on the server (server/surveys/numbers.ts),
// and the monitoring form's cross-field check holds with «1 300».
import { readNumber } from '../../server/surveys/numbers';
import { getInstrument } from '../../server/surveys/catalogue';
import { validateAnswers } from '../../server/surveys/validator';
import { parseNumber } from '../../client/src/pages/take-survey/number-answers';
import { validMonitoringAnswers } from '../support/answers';
import { openTestStore, type TestStore } from '../support/test-store';

test.each([
  ['1 300', 1300],
  ['1\u00a0300', 1300],
  ['1\u202f300', 1300],
  ['12 345 678', 12345678],
  ['3,8', 3.8],
  ['3.8', 3.8],
  [' 7,5 ', 7.5],
  ['0.125', 0.125],
  ['1300', 1300],
  ['−2', -2],
])('«%s» is %d on the page and on the server', (text, value) => {
  expect(readNumber(text)).toEqual({ value });
  expect(parseNumber(text)).toBe(value);
});

test.each(['1.300', '2,500', '12.345'])('«%s» could be a thousand or a decimal: refused as ambiguous, never read as either', (text) => {
  expect(readNumber(text)).toEqual({ ambiguous: true });
  expect(parseNumber(text)).toBeUndefined();
});

test.each(['13 00', '1 3000', '3,8,1', 'abc', '1 300,', ''])('«%s» is not a number', (text) => {
  expect(readNumber(text)).toBeUndefined();
});

describe('the monitoring form on the server', () => {
  let opened: TestStore;
  beforeAll(async () => {
    opened = await openTestStore();
  });
  afterAll(async () => {
    await opened.close();
  });

  test('«1 300» students: accepted as 1300, and the cross-field check of the grade bands holds', async () => {
    const compiled = await getInstrument(opened.store, 'school-monitoring', 2);
    const answers = { ...validMonitoringAnswers(), reporting_year: undefined, enrol_total: '1\u00a0300', enrol_g10_11: '1 10' };
    expect(() => validateAnswers(compiled.questions, answers)).toThrow(expect.objectContaining({ code: 'response.invalid' }));
    const { answers: kept } = validateAnswers(compiled.questions, { ...answers, enrol_g10_11: '110' });
    expect(kept).toMatchObject({ enrol_total: 1300, enrol_g10_11: 110 });
    // The grade bands (610) may not outnumber the school: «1 300» is 1300, not 1.3 or "1 300".
    expect(() => validateAnswers(compiled.questions, { ...answers, enrol_total: '600', enrol_g10_11: 110 })).toThrow(
      expect.objectContaining({ field: 'enrol_g10_11' }),
    );
  });

  test('«1.300» is refused naming its field, with the ambiguous-number code', async () => {
    const compiled = await getInstrument(opened.store, 'school-monitoring', 2);
    expect(() => validateAnswers(compiled.questions, { ...validMonitoringAnswers(), enrol_total: '1.300' })).toThrow(
      expect.objectContaining({ code: 'response.ambiguous_number', field: 'enrol_total' }),
    );
  });
});
