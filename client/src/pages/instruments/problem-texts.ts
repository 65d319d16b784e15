// The server's upload problems and what it ignores ({ path, message }, in English) as plain Russian
// sentences for the Instruments screen: every sentence the server writes has one (a test checks).
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

/**
 * Every other sentence the server writes about an upload (a problem, or what it ignores): its English
 * template, X for each part the server fills in, and the Russian one, {1}, {2}… for those parts in
 * order. tests/unit/problem-texts.test.ts finds every sentence in server/surveys and checks it is here.
 */
const templates: [string, string][] = [
  ['X must be an expression written as text.', '{1}: выражение должно быть записано текстом.'],
  ['X "X" cannot be read as a SurveyJS expression.', '{1} «{2}» не читается как выражение SurveyJS.'],
  ['X is missing.', '{1}: не указано.'],
  [
    'X has no choices: the server takes no answer to it (a page that fills choices in code is not run on the server).',
    'У вопроса {1} нет вариантов ответа: сервер не примет ответ на него (код страницы, заполняющий варианты, на сервере не выполняется).',
  ],
  ['X needs a non-empty list of choices.', 'У вопроса {1} нет вариантов ответа.'],
  ['X has X choices; the limit is X.', 'У вопроса {1} вариантов ответа: {2}; можно не больше {3}.'],
  [
    'Every choice of X needs a text, number or true/false value.',
    'У каждого варианта ответа вопроса {1} должно быть значение: текст, число или true/false.',
  ],
  ['The choice value "X" of X X; choose another value.', 'Значение варианта «{1}» вопроса {2} недопустимо ({3}); выберите другое.'],
  ['Two choices of X have the value X.', 'У двух вариантов ответа вопроса {1} одно значение {2}.'],
  [
    'X would have more than X choices from choicesMin to choicesMax.',
    'У вопроса {1} от choicesMin до choicesMax получилось бы больше {2} вариантов.',
  ],
  ['X needs a non-empty list of rows.', 'У вопроса {1} нет строк.'],
  ['X has X rows; the limit is X.', 'У вопроса {1} строк: {2}; можно не больше {3}.'],
  ['Every row of X needs a value.', 'У каждой строки вопроса {1} должно быть значение.'],
  ['The row value "X" of X X; choose another value.', 'Значение строки «{1}» вопроса {2} недопустимо ({3}); выберите другое.'],
  ['Two rows of X have the value "X".', 'У двух строк вопроса {1} одно значение «{2}».'],
  ['The validators of X must be a list.', 'Проверки (validators) вопроса {1} должны быть списком.'],
  [
    'The validator "X" of X is not one the server supports (numeric, text, regex, email, expression, answercount).',
    'Проверку «{1}» вопроса {2} сервер не поддерживает (поддерживаются numeric, text, regex, email, expression, answercount).',
  ],
  ['A X validator cannot be enforced on X.', 'Проверку {1} нельзя применить к вопросу {2}.'],
  ['The regex validator of X needs a pattern of at most X characters.', 'Проверке regex вопроса {1} нужен шаблон не длиннее {2} знаков.'],
  ['The pattern "X" of X X.', 'Шаблон «{1}» вопроса {2} не подходит: {3}.'],
  ['The expression validator of X has no expression.', 'У проверки expression вопроса {1} нет выражения.'],
  [
    'The X mask of X shapes the typing only: the server takes the number it gives.',
    'Маска {1} вопроса {2} только помогает вводить: сервер берёт введённое число.',
  ],
  [
    'The X mask of X shapes the typing only: the server checks the answer as text of its input type.',
    'Маска {1} вопроса {2} только помогает вводить: сервер проверяет ответ как текст его типа ввода.',
  ],
  [
    'The input type "X" of X is not one survey-core checks: the answer is taken as text.',
    'Тип ввода «{1}» вопроса {2} survey-core не проверяет: ответ принимается как текст.',
  ],
  ['Every X of X must be an object with a name.', 'Каждый элемент ({1}) вопроса {2} должен быть объектом с именем.'],
  ['The X name "X" of X X.', 'Имя «{2}» ({1}) вопроса {3}: {4}.'],
  ['requiredIf and enableIf are not supported on the X.', 'requiredIf и enableIf не поддерживаются: {1}.'],
  [
    '"Other" items are not supported in the X: survey-core keeps their descriptions apart from the row\'s cells.',
    'Вариант «Другое» не поддерживается: {1} — survey-core хранит его пояснение отдельно от ячеек строки.',
  ],
  ['The cell type "X" of the X is not supported.', 'Тип ячейки «{1}» ({2}) не поддерживается.'],
  ['X has too many rating values.', 'У шкалы вопроса {1} слишком много значений.'],
  ['Every rating value of X needs a value.', 'У каждого значения шкалы вопроса {1} должно быть значение.'],
  ['The rating scale X..X by X of X is not valid.', 'Шкала {1}..{2} с шагом {3} вопроса {4} неверна.'],
  ['"elements" must be a list.', '«elements» должно быть списком.'],
  ['Panels are nested more than X deep.', 'Панели вложены глубже {1} уровней.'],
  ['The survey has more than X elements.', 'В опросе больше {1} элементов.'],
  ['An element must be an object.', 'Элемент опроса должен быть объектом.'],
  ['The question "X" is a X question, which Mera refuses: X.', 'Вопрос «{1}» имеет тип {2}, который Мера не принимает: {3}.'],
  ['Every question needs a name.', 'У каждого вопроса должно быть имя.'],
  ['The name "X" X; choose another name.', 'Имя «{1}» недопустимо ({2}); выберите другое.'],
  [
    'X repeats the question of that name exactly: both share one answer.',
    'Вопрос {1} в точности повторяет вопрос с тем же именем: у них один общий ответ.',
  ],
  [
    'X is shown by a visible trigger but is not hidden to begin with ("visible": false, no visibleIf): give it a visibleIf instead of the trigger.',
    'Вопрос {1} показывает триггер visible, но вопрос и так виден (нет "visible": false без visibleIf): задайте ему visibleIf вместо триггера.',
  ],
  [
    'X is always hidden ("visible": false): no answer to it is taken.',
    'Вопрос {1} всегда скрыт ("visible": false): ответ на него не принимается.',
  ],
  [
    'Choice conditions cannot be enforced on the ranking question X: survey-core 3.0.0 clears a ranking (choicesVisibleIf) or moves a choice that appears to its end (choice visibleIf) whenever its shown choices are worked out again, so what it keeps depends on the order the answers were given, which the server never sees.',
    'Условия вариантов нельзя проверить в вопросе-ранжировании {1}: survey-core сбрасывает или переставляет ранжирование при каждом пересчёте видимых вариантов, и итог зависит от порядка ответов, которого сервер не видит.',
  ],
  ['valueTrue and valueFalse of X must be two different values.', 'valueTrue и valueFalse вопроса {1} должны различаться.'],
  ['X needs a non-empty list of columns with values.', 'У вопроса {1} нет столбцов со значениями.'],
  ['X has too many columns.', 'У вопроса {1} слишком много столбцов.'],
  ['Panels and matrices are nested more than X deep.', 'Панели и матрицы вложены глубже {1} уровней.'],
  ['X needs a non-empty list of X.', 'У вопроса {1} пустой список {2}.'],
  ['X has too many X.', 'У вопроса {1} слишком много элементов {2}.'],
  ['Two X of X are named "X".', 'Два элемента {1} вопроса {2} названы «{3}».'],
  ['Items of X cannot be expressions.', 'Поля вопроса {1} не могут быть выражениями.'],
  ['minRowCount of X is above its maxRowCount.', 'minRowCount вопроса {1} больше его maxRowCount.'],
  [
    'The keyName "X" of X is no column of it: survey-core checks nothing, and neither does the server.',
    'keyName «{1}» вопроса {2} не называет ни одного его столбца: survey-core ничего не проверяет, сервер тоже.',
  ],
  ['X has no questions in its template: it collects no answers.', 'В шаблоне вопроса {1} нет вопросов: он не собирает ответов.'],
  ['minPanelCount of X is above its maxPanelCount.', 'minPanelCount вопроса {1} больше его maxPanelCount.'],
  [
    'A condition or expression of "X" refers to "{X}", which is no question or calculated value of this survey.',
    'Условие или выражение «{1}» ссылается на «{{2}}», но такого вопроса или вычисляемого значения в опросе нет.',
  ],
  [
    'The X trigger sets "X", which is no question of this survey that takes an answer.',
    'Триггер {1} задаёт «{2}», но в опросе нет такого вопроса с ответом.',
  ],
  [
    'The copyvalue trigger copies "X", which is no question of this survey.',
    'Триггер copyvalue копирует «{1}», но такого вопроса в опросе нет.',
  ],
  [
    'The copyvalue trigger copies "X" into "X", which takes different answers; copy between questions of the same kind and choices.',
    'Триггер copyvalue копирует «{1}» в «{2}», который принимает другие ответы; копируйте между вопросами одного вида с одинаковыми вариантами.',
  ],
  [
    'The X trigger\'s expression reads "{X}", which is no question of this survey (triggers read answers only).',
    'Выражение триггера {1} читает «{{2}}», но такого вопроса в опросе нет (триггеры читают только ответы).',
  ],
  [
    'storeOthersAsComment: false is not supported: "other" answers are kept in "<name>-Comment".',
    'storeOthersAsComment: false не поддерживается: пояснение к «Другое» хранится в «<имя>-Comment».',
  ],
  [
    'Only clearInvisibleValues "onComplete" (the default), "onHidden" and "onHiddenContainer" are supported: answers to hidden questions are dropped.',
    'Поддерживаются только clearInvisibleValues "onComplete" (по умолчанию), "onHidden" и "onHiddenContainer": ответы на скрытые вопросы отбрасываются.',
  ],
  [
    '"X" is not used: Mera shows the survey\'s completedHtml and stays on its page.',
    '«{1}» не используется: Мера показывает completedHtml опроса и остаётся на своей странице.',
  ],
  [
    'The setvalue trigger sets the survey variable "X", which the page keeps and the server does not: the answers are the same.',
    'Триггер setvalue задаёт переменную опроса «{1}»: её хранит только страница, ответы от этого не меняются.',
  ],
  [
    'The visible trigger can show questions only, not pages; give the pages a visibleIf instead.',
    'Триггер visible может показывать только вопросы, не страницы; задайте страницам visibleIf.',
  ],
  [
    'The visible trigger needs "questions", the questions it shows.',
    'Триггеру visible нужен список «questions» — вопросы, которые он показывает.',
  ],
  ['The property "X" of a X trigger is not supportedX.', 'Свойство «{1}» триггера {2} не поддерживается{3}.'],
  ['The X trigger needs "setToName", the question it sets.', 'Триггеру {1} нужно «setToName» — вопрос, который он задаёт.'],
  ['The copyvalue trigger needs "fromName", the question it copies.', 'Триггеру copyvalue нужно «fromName» — вопрос, который он копирует.'],
  [
    'The X trigger is not supported (the server applies "setvalue" and "copyvalue" as survey-core\'s runTriggers does, and accepts "skip", which only moves between pages).',
    'Триггер {1} не поддерживается (сервер выполняет «setvalue» и «copyvalue», как runTriggers в survey-core, и принимает «skip», который только переходит между страницами).',
  ],
  ['triggers must be a list.', '«triggers» должно быть списком.'],
  ['A page must be an object.', 'Страница должна быть объектом.'],
  [
    'A calculated value needs a name (not __proto__, constructor or prototype).',
    'У вычисляемого значения должно быть имя (не __proto__, constructor или prototype).',
  ],
  ['The calculated value "X" has the name of a question.', 'Вычисляемое значение «{1}» названо так же, как вопрос.'],
  ['calculatedValues must be a list.', '«calculatedValues» должно быть списком.'],
  [
    '"X" must have both Russian ("default") and English ("en") text.',
    'У «{1}» должен быть текст на русском ("default") и на английском ("en").',
  ],
  [
    '"X" must be a text, or an object of texts by locale such as { "ru": "…", "en": "…" }.',
    '«{1}» должно быть текстом или объектом текстов по языкам, например { "ru": "…", "en": "…" }.',
  ],
  ['The choice "X" needs a text in both languages.', 'Варианту «{1}» нужен текст на обоих языках.'],
  ['X: the id is used twice.', '{1}: идентификатор встречается дважды.'],
  ['X: "X" is no question of the survey.', '{1}: «{2}» — не вопрос этого опроса.'],
  ['X: X is not an answer of "X".', '{1}: {2} — не ответ вопроса «{3}».'],
  ['X: a deficit-area indicator must name a scoring area.', '{1}: показатель deficit-area должен называть область подсчёта баллов.'],
  ['X has a value that is not allowed (X).', '{1}: недопустимое значение ({2}).'],
  [
    'The instrument must be an object: { id, respondentType, anonymous, survey }.',
    'Инструмент должен быть объектом: { id, respondentType, anonymous, survey }.',
  ],
  ['The definition nests objects and lists more than X deep.', 'Объекты и списки в описании вложены глубже {1} уровней.'],
  ['SurveyJS cannot read the definition (X).', 'SurveyJS не может прочитать описание ({1}).'],
  ['SurveyJS: X', 'SurveyJS сообщает: {1}'],
  ['The survey has no questions.', 'В опросе нет вопросов.'],
  [
    'The setvalue trigger sets "X" to X, which is not an answer that question takes.',
    'Триггер setvalue задаёт «{1}» значение {2}, но этот вопрос такого ответа не принимает.',
  ],
  [
    'The survey asks for contact details or a name (X): it is kept as collecting contact ("collectsContact": true), so the catalogue and the survey page say so instead of promising anonymity.',
    'Опрос спрашивает контактные данные или имя ({1}): он сохранён как собирающий контакты ("collectsContact": true), и каталог и страница опроса говорят об этом, а не обещают анонимность.',
  ],
  ['X: "notScored" needs a single-choice question', '{1}: для «notScored» нужен вопрос с одним выбором.'],
  ['X: the not-scored answer "X" is not a choice of the question', '{1}: ответ без баллов «{2}» — не вариант этого вопроса.'],
  ['X: points need a single-choice question', '{1}: для баллов нужен вопрос с одним выбором.'],
  ['X: the choice "X" has no points', '{1}: у варианта «{2}» нет баллов.'],
  ['X: the choice "none" has no points', '{1}: у варианта «none» нет баллов.'],
  ['X: "X" is not a choice of the question', '{1}: «{2}» — не вариант этого вопроса.'],
  ['X: the points must not all be equal', '{1}: баллы не должны быть все одинаковыми.'],
  [
    'X: without "points" the answer "none" cannot be scored; list it in "notScored"',
    '{1}: без «points» ответ «none» нельзя оценить; внесите его в «notScored».',
  ],
  [
    'X: without "points" the choices other than "notScored" must be numbers',
    '{1}: без «points» варианты, кроме «notScored», должны быть числами.',
  ],
  ['X: without "points" the question must be a numeric scale', '{1}: без «points» вопрос должен быть числовой шкалой.'],
  ['X: "ifSkipped" must lie within the item\'s points (X to X)', '{1}: «ifSkipped» должно быть в пределах баллов пункта (от {2} до {3}).'],
  ['scoring: the first level must start at 0', 'Подсчёт баллов: первый уровень должен начинаться с 0.'],
  ['scoring: levels must be listed with increasing "from"', 'Подсчёт баллов: уровни должны идти по возрастанию «from».'],
  ['scoring: two areas have the same id', 'Подсчёт баллов: у двух областей один идентификатор.'],
  ['X is no question of the survey', '{1} — не вопрос этого опроса.'],
  ['scoring area X: minAnswered is more than its items', 'Область подсчёта {1}: minAnswered больше числа её пунктов.'],
  ['X is X characters long; the limit is X.', '{1}: длина {2} знаков, а можно не больше {3}.'],
  ['X has X "and"/"or" clauses; the limit is X.', '{1}: условий «and»/«or» — {2}, а можно не больше {3}.'],
  // The most general shapes last: a part named, then what is wrong with it.
  ['X X not part of an instrument.', '{1}: такого поля у инструмента нет.'],
  ['X: X.', 'Поле {1}: {2}.'],
  ['X X.', 'Выражение {1}: {2}.'],
];

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const templateRules: Rule[] = templates.map(([english, russianText]) => [
  new RegExp(`^${english.split('X').map(escaped).join('(.*?)')}$`, 's'),
  (m) => russianText.replace(/\{(\d)\}/g, (_, i: string) => m[Number(i)] ?? ''),
]);

/** A problem's sentence in the page's language (the server's English is shown, said to be so, only for a sentence not known here). */
export function problemText(message: string, locale: Locale): string {
  if (locale === 'en') return message;
  for (const [pattern, text] of [...russian, ...templateRules]) {
    const m = pattern.exec(message);
    if (m) return text(m);
  }
  return `(по-английски) ${message}`;
}
