// Every code the server can answer with has a Russian and an English text on the client, and a
// refusal (4xx) is never explained as a failure on Mera's side.
import { catalogue, codes, rosterLineCodes } from '../../server/errors/catalogue';
import { errorCodeOf, errorText, errorTexts } from '../../client/src/errors/texts';

const clientCodes = ['network', 'refused', 'unknown'];

test.each([...codes, ...rosterLineCodes])('%s has a Russian and an English text', (code) => {
  const texts = errorTexts[code];
  expect(texts?.ru?.trim()).toBeTruthy();
  expect(texts?.en?.trim()).toBeTruthy();
  expect(texts.ru).toMatch(/[а-яё]/i);
});

test('the client keeps texts only for codes the server has or the client makes itself', () => {
  const known = new Set<string>([...codes, ...rosterLineCodes, ...clientCodes]);
  expect(Object.keys(errorTexts).filter((code) => !known.has(code))).toEqual([]);
});

test('a text names {field} only for codes whose problems always name the field, in both languages alike', () => {
  for (const [code, texts] of Object.entries(errorTexts)) {
    const names = (text: string) => text.includes('{field}');
    expect({ code, sameInBoth: names(texts.ru) === names(texts.en) }).toEqual({ code, sameInBoth: true });
    if (names(texts.ru)) expect({ code, field: catalogue[code as keyof typeof catalogue]?.field }).toEqual({ code, field: true });
  }
});

test('an error is explained by its code, or by its status when the code is not known', () => {
  expect(errorText('ru', { status: 410, code: 'campaign.closed' })).toMatch(/опрос закрыт/);
  expect(errorText('en', { status: 400, code: 'response.invalid', field: 'q1' }, 'How satisfied are you?')).toBe(
    'One of the answers was not accepted: check the question “How satisfied are you?”.',
  );
  expect(errorText('ru', { status: 400, code: 'request.invalid', field: 'closesOn' })).toBe('Проверьте поле «closesOn».');
  expect(errorCodeOf({ status: 0, code: 'network' })).toBe('network');
  expect(errorCodeOf({ status: 500, code: 'internal' })).toBe('internal');
  expect(errorCodeOf(new Error('boom'))).toBe('unknown');
});

test('no refusal (4xx) is explained as a failure on our side', () => {
  const ourSide = [errorTexts.internal.ru, errorTexts.unknown.ru];
  for (const code of codes.filter((c) => catalogue[c].status < 500)) {
    expect(ourSide).not.toContain(errorText('ru', { status: catalogue[code].status, code, field: 'x' }));
  }
  expect(errorCodeOf({ status: 409, code: 'some.future_code' })).toBe('refused');
  expect(ourSide).not.toContain(errorText('ru', { status: 409, code: 'some.future_code' }));
});
