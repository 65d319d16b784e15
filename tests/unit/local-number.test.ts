// How the respondent's page writes numbers (client/src/pages/take-survey/survey-setup.ts).
import { parseNumber } from '../../client/src/pages/take-survey/number-answers';
import { localNumber } from '../../client/src/pages/take-survey/survey-setup';

test('a small whole number (the page counter, a bound) is written the same in Russian and English', () => {
  for (const n of [0, 3, 12, 999, -5]) {
    expect(localNumber(n, 'ru')).toBe(new Intl.NumberFormat('ru-RU').format(n));
    expect(localNumber(n, 'en')).toBe(new Intl.NumberFormat('en-GB').format(n));
  }
});

test('a decimal or a large number is written the Russian way on the Russian page and the English way on the English one', () => {
  expect(localNumber(3.8, 'ru')).toBe('3,8');
  expect(localNumber(3.8, 'en')).toBe('3.8');
  expect(localNumber(1200, 'ru')).toBe(new Intl.NumberFormat('ru-RU').format(1200));
  expect(localNumber(1200, 'en')).toBe('1,200');
});

test('what a Russian parent types, "3,8", reads as the same number as "3.8"', () => {
  expect(parseNumber('3,8')).toBe(3.8);
  expect(parseNumber(' 3.8 ')).toBe(3.8);
  expect(parseNumber('1 200')).toBe(1200);
  expect(parseNumber('3,8,1')).toBeUndefined();
});
