// The server's upload problems ({ path, message }, in English) as plain Russian sentences for the
// Instruments screen, for the problems met most; any other is shown in English, said to be so.
import type { Locale } from '../../i18n';

type Rule = [RegExp, (m: RegExpExecArray) => string];

const russian: Rule[] = [
  [
    /^The question "(.*)" is a file question/,
    (m) => `Вопрос «${m[1]}» — загрузка файла: сервер не может проверить файл, а документы выдают отвечающего. Уберите вопрос.`,
  ],
  [
    /^The question "(.*)" is a signaturepad question/,
    (m) => `Вопрос «${m[1]}» — подпись: подпись выдаёт отвечающего, а сервер не может её проверить. Уберите вопрос.`,
  ],
  [/^(.*) asks for a password/, (m) => `${m[1]} просит пароль: в опросе нельзя собирать пароли.`],
  [
    /^"(.*)" is not supported on (.*?): (.*)\.$/,
    (m) => `Свойство «${m[1]}» не поддерживается (${m[2]}): оно меняет, какие ответы допустимы, а сервер не может это проверить (${m[3]}).`,
  ],
  [
    /^The pattern "(.*)" of (.*) can take exponential time/,
    (m) => `Шаблон «${m[1]}» (${m[2]}) может проверяться экспоненциально долго: перепишите его без повторов внутри повторов.`,
  ],
  [
    /refers to "\{(.*)\}", which is no question or calculated value/,
    (m) => `Условие или выражение ссылается на «{${m[1]}}», но такого вопроса или вычисляемого значения в опросе нет.`,
  ],
  [/^The name (.*) is used twice/, (m) => `Имя ${m[1]} встречается в опросе дважды: имена вопросов должны быть разными.`],
  [
    /^The question (.*) has the type "(.*)", which the server does not support/,
    (m) => `У вопроса ${m[1]} тип «${m[2]}», который сервер не поддерживает.`,
  ],
  [/^(.*) needs a non-empty list of choices/, (m) => `У вопроса ${m[1]} нет вариантов ответа.`],
  [
    /^The complete trigger cannot be enforced/,
    () =>
      'Триггер «complete» не поддерживается: где закончится опрос, зависит от порядка ответов, а сервер видит только итоговые ответы. Используйте visibleIf на следующих страницах.',
  ],
  [
    /^The survey is anonymous but asks for contact details or a name \((.*)\)/,
    (m) =>
      `Опрос анонимный, но спрашивает контактные данные или имя (${m[1]}): уберите эти вопросы или отметьте «Опрос спрашивает контактные данные».`,
  ],
  [/^(.*) "(.*)" cannot be read as a SurveyJS expression/, (m) => `${m[1]} «${m[2]}» не читается как выражение SurveyJS.`],
  [
    /^Conditions or expressions refer to each other in a circle: (.*)\.$/,
    (m) => `Условия или выражения ссылаются друг на друга по кругу: ${m[1]}.`,
  ],
  [/^"(.*)" is missing\.$/, (m) => `Не указано поле «${m[1]}».`],
  [/^(.*) is not part of an instrument\.$/, (m) => `${m[1]}: такого поля у инструмента нет.`],
  [/^The survey has no pages\.$/, () => 'В опросе нет ни одной страницы с вопросами.'],
  [/^The survey needs a title/, () => 'Нужно название: в файле, в поле «Название» или хотя бы идентификатор.'],
  [
    /^"id" has a value that is not allowed|^"id": lower-case letters/,
    () => 'Идентификатор: латинские строчные буквы, цифры и дефис, от 2 до 64 знаков.',
  ],
];

/** A problem's sentence in the page's language (Russian for the problems met most, else the server's English, said to be so). */
export function problemText(message: string, locale: Locale): string {
  if (locale === 'en') return message;
  for (const [pattern, text] of russian) {
    const m = pattern.exec(message);
    if (m) return text(m);
  }
  return `(по-английски) ${message}`;
}
