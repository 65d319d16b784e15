// What every error code of the API means to a teacher, a parent or a coordinator, in Russian and
// English. The codes are the server's catalogue (server/errors/catalogue.ts, imported as types):
// a code without both texts does not compile, and tests/unit/error-texts.test.ts checks them too.
// The server's own messages are English sentences for logs and API users; pages show these.
// `{field}` is replaced by the field's label on the page (or the field's name).
import type { Code, RosterLineCode } from '../../../server/errors/catalogue';
import type { Locale } from '../i18n';

/** What the client itself knows went wrong: no answer at all, or an answer without a code it knows. */
export type ClientErrorCode = 'network' | 'refused' | 'unknown';
export type ErrorCode = Code | RosterLineCode | ClientErrorCode;

type Texts = Record<Locale, string>;

export const errorTexts: Record<ErrorCode, Texts> = {
  // Reading the request.
  'request.malformed_json': {
    ru: 'Запрос повреждён. Обновите страницу и попробуйте ещё раз.',
    en: 'The request was damaged. Reload the page and try again.',
  },
  'request.too_large': {
    ru: 'Слишком много данных за один раз: сократите текст или файл.',
    en: 'Too much data at once: shorten the text or the file.',
  },
  'request.too_many_items': {
    ru: 'Слишком много данных за один раз: сократите текст или файл.',
    en: 'Too much data at once: shorten the text or the file.',
  },
  'request.too_deep': {
    ru: 'Данные вложены слишком глубоко и не приняты.',
    en: 'The data is nested too deeply and was not accepted.',
  },
  'request.bad_content_encoding': {
    ru: 'Браузер отправил данные в неподдерживаемом сжатии. Обновите страницу или откройте её в другом браузере.',
    en: 'The browser sent the data in a compression that is not supported. Reload the page or use another browser.',
  },
  'request.bad_encoding': {
    ru: 'Данные отправлены не в кодировке UTF-8. Обновите страницу и попробуйте ещё раз.',
    en: 'The data was not sent as UTF-8. Reload the page and try again.',
  },
  'request.bad_compression': {
    ru: 'Данные повреждены при отправке. Попробуйте ещё раз.',
    en: 'The data was damaged on the way. Try again.',
  },
  'request.unreadable': {
    ru: 'Запрос не удалось прочитать. Обновите страницу и попробуйте ещё раз.',
    en: 'The request could not be read. Reload the page and try again.',
  },
  'request.not_json': {
    ru: 'Запрос отправлен в неверном формате. Обновите страницу и попробуйте ещё раз.',
    en: 'The request was sent in the wrong format. Reload the page and try again.',
  },
  'request.operator': {
    ru: 'В данных есть недопустимое имя поля «{field}».',
    en: 'The data has a field name that is not allowed: “{field}”.',
  },
  'request.prototype_key': {
    ru: 'В данных есть недопустимое имя поля «{field}».',
    en: 'The data has a field name that is not allowed: “{field}”.',
  },
  'request.dotted_key': {
    ru: 'Имя поля «{field}» содержит точку; переименуйте его.',
    en: 'The field name “{field}” contains a dot; rename it.',
  },
  'request.invalid': { ru: 'Проверьте поле «{field}».', en: 'Check the field “{field}”.' },
  'request.idempotency_key': {
    ru: 'Ответы не отправлены из-за ошибки страницы. Обновите её и отправьте ещё раз.',
    en: 'The answers were not sent because of a page error. Reload it and send them again.',
  },
  not_found: { ru: 'Такой страницы в Мере нет.', en: 'Mera has no such page.' },
  internal: {
    ru: 'Что-то пошло не так на нашей стороне. Попробуйте позже.',
    en: 'Something went wrong on our side. Please try again later.',
  },
  'storage.unavailable': {
    ru: 'Сервер временно не может сохранить или прочитать данные. Попробуйте через минуту.',
    en: 'The server cannot store or read data at the moment. Try again in a minute.',
  },

  // Who is asking.
  'auth.required': { ru: 'Сначала войдите.', en: 'Sign in first.' },
  'auth.forbidden': { ru: 'Вашей роли это недоступно.', en: 'Your role cannot do this.' },
  'auth.wrong_credentials': { ru: 'Неверная почта или пароль.', en: 'Wrong e-mail or password.' },
  'auth.rate_limited': {
    ru: 'Слишком много попыток входа. Подождите четверть часа и попробуйте снова.',
    en: 'Too many sign-in attempts. Wait a quarter of an hour and try again.',
  },
  'admin.disabled': {
    ru: 'Вход по токену администратора выключен. Войдите как администратор.',
    en: 'The administrator token is switched off. Sign in as an administrator.',
  },
  'admin.unauthorised': { ru: 'Это доступно только администратору.', en: 'Only an administrator can do this.' },
  'csrf.cross_origin': { ru: 'Запрос пришёл с другого сайта и отклонён.', en: 'The request came from another site and was refused.' },
  'csrf.invalid': {
    ru: 'Страница устарела. Обновите её и попробуйте снова.',
    en: 'The page is out of date. Reload it and try again.',
  },

  // Accounts.
  'account.token_has_none': {
    ru: 'У токена администратора нет учётной записи, которую можно изменить.',
    en: 'The administrator token has no account to change.',
  },
  'account_token.unknown': { ru: 'Ссылка недействительна. Попросите новую.', en: 'This link is not valid. Ask for a new one.' },
  'account_token.used': {
    ru: 'Ссылка уже использована. Войдите или попросите новую.',
    en: 'This link has already been used. Sign in, or ask for a new one.',
  },
  'account_token.expired': { ru: 'Срок действия ссылки истёк. Попросите новую.', en: 'This link has expired. Ask for a new one.' },
  'first_run.done': { ru: 'Администратор уже создан. Войдите.', en: 'An administrator already exists. Sign in.' },
  'first_run.not_local': {
    ru: 'Первого администратора можно создать только с самого сервера (localhost).',
    en: 'The first administrator can only be created from the server itself (localhost).',
  },
  'password.too_short': {
    ru: 'Пароль слишком короткий: не меньше 8 символов, а у координаторов и администраторов — не меньше 10.',
    en: 'The password is too short: at least 8 characters, and at least 10 for coordinators and administrators.',
  },
  'password.too_long': { ru: 'Пароль должен быть не длиннее 128 символов.', en: 'The password may have at most 128 characters.' },
  'password.common': { ru: 'Этот пароль слишком распространён. Выберите другой.', en: 'This password is too common. Choose another.' },
  'password.like_email': { ru: 'Пароль не должен совпадать с почтой.', en: 'The password must not be your e-mail.' },
  'password.guessable': {
    ru: 'Этот пароль легко угадать (ряд клавиш, повтор, распространённое слово, ваше имя или почта). Возьмите фразу из нескольких слов.',
    en: 'This password is easy to guess (a row of keys, a repeat, a common word, your name or e-mail). Use a phrase of several words.',
  },
  'user.not_found': { ru: 'Такого пользователя нет.', en: 'There is no such user.' },
  'user.email_taken': { ru: 'Эта почта уже зарегистрирована.', en: 'This e-mail is already registered.' },
  'user.inactive': {
    ru: 'Пользователь отключён: сначала включите его снова.',
    en: 'This user is deactivated: reactivate them first.',
  },
  'user.school_required': { ru: 'Выберите школу этого пользователя.', en: "Choose this user's school." },
  'user.school_not_allowed': {
    ru: 'У пользователя с этой ролью нет одной школы: не выбирайте школу.',
    en: 'A user with this role does not belong to one school: leave the school out.',
  },
  'user.unknown_school': { ru: 'Такой школы в кластере нет.', en: 'There is no such school in the cluster.' },
  'roster.unreadable': { ru: 'Файл не читается как CSV или XLSX.', en: 'The file cannot be read as CSV or XLSX.' },
  'roster.too_large': {
    ru: 'Файл списка слишком большой (не больше 1 МБ, а таблица XLSX — не больше 20 000 ячеек). Разделите список на части.',
    en: 'The roster file is too large (at most 1 MB, and an XLSX sheet at most 20 000 cells). Split the list.',
  },
  'roster.too_many_rows': {
    ru: 'В списке больше 2 000 строк. Разделите его на несколько файлов.',
    en: 'The roster has more than 2 000 rows. Split it into several files.',
  },
  'invitation.daily_cap': {
    ru: 'Столько приглашений превысит ваш дневной лимит; никто не добавлен. Отправьте меньше или остальных — завтра.',
    en: 'That many invitations would pass your daily limit; nobody was added. Send fewer, or the rest tomorrow.',
  },
  // A roster's line problems follow "Line N:".
  'roster.email_invalid': { ru: 'это не адрес электронной почты', en: 'this is not an e-mail address' },
  'roster.email_taken': { ru: 'эта почта уже зарегистрирована', en: 'this e-mail is already registered' },
  'roster.email_repeated': { ru: 'эта почта уже есть выше в файле', en: 'this e-mail is already listed above in the file' },
  'roster.form_tutor_invalid': { ru: 'классный руководитель: нужно «да» или «нет»', en: 'form tutor: “yes” or “no” is needed' },
  'roster.name_missing': { ru: 'нет ФИО', en: 'the name is missing' },

  // Instruments.
  'instrument.not_found': { ru: 'Такого инструмента (или его версии) нет.', en: 'There is no such instrument (or version of it).' },
  'instrument.invalid': {
    ru: 'Инструмент не принят: проверьте «{field}».',
    en: 'The instrument was not accepted: check “{field}”.',
  },
  'instrument.version_conflict': {
    ru: 'Эту версию инструмента только что добавили или её номер не следующий. Загрузите файл ещё раз.',
    en: 'This version of the instrument was just added, or its number is not the next one. Upload the file again.',
  },

  // Campaigns and their links.
  'campaign.invalid': { ru: 'Проверьте поле «{field}».', en: 'Check the field “{field}”.' },
  'campaign.not_found': { ru: 'Такой кампании нет.', en: 'There is no such campaign.' },
  'campaign.instrument_invalid': {
    ru: 'Эта версия инструмента больше не проходит проверку; выберите другую.',
    en: 'This version of the instrument no longer passes its checks; choose another.',
  },
  'campaign.changed': {
    ru: 'Кампанию только что изменил кто-то другой. Обновите страницу.',
    en: 'Someone else changed this campaign just now. Reload the page.',
  },
  'campaign.not_planned': {
    ru: 'Кампания уже открыта или закрыта. Закрытую кампанию можно открыть снова.',
    en: 'The campaign is already open or closed. A closed campaign can be reopened.',
  },
  'campaign.closing_day_passed': {
    ru: 'День закрытия прошёл: измените его, прежде чем открывать.',
    en: 'The closing day has passed: change it before opening.',
  },
  'campaign.still_planned': {
    ru: 'Кампания ещё не открыта: закрыть можно только открытую.',
    en: 'The campaign has not been opened yet: only an open campaign can be closed.',
  },
  'campaign.already_closed': {
    ru: 'Кампания закрыта: сначала откройте её снова.',
    en: 'The campaign is closed: reopen it first.',
  },
  'campaign.not_closed': { ru: 'Открыть снова можно только закрытую кампанию.', en: 'Only a closed campaign can be reopened.' },
  'campaign.open': {
    ru: 'Кампания открыта: поле «{field}» уже не меняется.',
    en: 'The campaign is open: the field “{field}” no longer changes.',
  },
  'campaign.link_not_found': { ru: 'У этой кампании нет такой ссылки.', en: 'This campaign has no such link.' },
  'link.unknown': {
    ru: 'Ссылка на опрос не найдена. Проверьте, что она скопирована полностью.',
    en: 'This survey link is not known. Check that it was copied whole.',
  },
  'campaign.not_open': { ru: 'Этот опрос ещё не начался.', en: 'This survey has not started yet.' },
  'campaign.closed': {
    ru: 'Этот опрос закрыт и больше не принимает ответы. Спасибо за интерес!',
    en: 'This survey is closed and no longer takes answers. Thank you for your interest!',
  },

  // Responses and diagnostics.
  'response.invalid': {
    ru: 'Один из ответов не принят: проверьте вопрос «{field}».',
    en: 'One of the answers was not accepted: check the question “{field}”.',
  },
  'response.required': {
    ru: 'Ответьте на обязательный вопрос «{field}».',
    en: 'Answer the required question “{field}”.',
  },
  'response.unknown_question': {
    ru: 'В ответах есть вопрос «{field}», которого нет в этом опросе. Обновите страницу.',
    en: 'The answers include “{field}”, which is not a question of this survey. Reload the page.',
  },
  'response.empty': { ru: 'Ответов нет: ответьте хотя бы на один вопрос.', en: 'There are no answers: answer at least one question.' },
  'response.set_by_campaign': {
    ru: 'Значение «{field}» задано кампанией и не меняется. Обновите страницу.',
    en: 'The value of “{field}” is set by the campaign and cannot change. Reload the page.',
  },
  'response.already_reported': {
    ru: 'Школа уже отправила форму мониторинга за этот учебный год: одна форма на школу и год.',
    en: 'The school has already sent its monitoring form for this school year: one form per school and year.',
  },
  'response.in_progress': {
    ru: 'Ответы ещё сохраняются. Попробуйте через минуту.',
    en: 'Your answers are still being saved. Try again in a minute.',
  },
  'response.ambiguous_number': {
    ru: 'Число в вопросе «{field}» можно понять и как тысячи, и как дробь: напишите 1300 или 1,3.',
    en: 'The number in “{field}” could mean thousands or a decimal: write 1300 or 1.3.',
  },
  'school_form.sign_in_required': {
    ru: 'Это официальная отчётность школы: войдите как координатор школы или участник её рабочей группы.',
    en: "This is the school's official return: sign in as the school's coordinator or a member of its working group.",
  },
  'school_form.draft_conflict': {
    ru: 'Коллега только что сохранил эту форму. Показан его вариант: проверьте ответы и продолжите.',
    en: 'A colleague has just saved this form. Their version is shown: check the answers and carry on.',
  },
  'school_form.stale': {
    ru: 'Форму уже отправили снова. Обновите страницу, чтобы увидеть последнюю редакцию.',
    en: 'The form has been sent again meanwhile. Reload the page to see the latest revision.',
  },
  'school_form.reason_required': {
    ru: 'Напишите, почему исправляете отправленную форму.',
    en: 'Say why you are correcting the submitted form.',
  },
  'school_form.closed': {
    ru: 'Сбор закрыт: исправить форму школы можно, только если координатор кластера откроет её снова.',
    en: "The campaign is closed: the school's form can be corrected only if the cluster coordinator reopens it.",
  },
  'school_form.still_open': {
    ru: 'Сбор ещё открыт: школа может исправить форму сама.',
    en: 'The campaign is still open: the school can correct its form itself.',
  },
  'school_form.not_submitted': {
    ru: 'Школа ещё не отправила эту форму: открывать для исправления нечего.',
    en: 'The school has not sent this form yet: there is nothing to reopen.',
  },
  'school_form.not_school_form': {
    ru: 'Этот сбор — не форма школы.',
    en: "This campaign is not a school's form.",
  },
  'school_form.not_in_school': {
    ru: 'В рабочую группу можно включить только действующих сотрудников школы.',
    en: "Only the school's active staff can join its working group.",
  },
  'diagnostic.not_found': { ru: 'Такой диагностики для вашей школы нет.', en: 'There is no such diagnostic for your school.' },
  'diagnostic.closed': { ru: 'Эта диагностика сейчас не принимает ответы.', en: 'This diagnostic is not taking answers now.' },
  'diagnostic.submitted': { ru: 'Эта диагностика уже отправлена.', en: 'This diagnostic has already been submitted.' },

  // Results.
  'results.school_not_in_campaign': {
    ru: 'Эта школа не участвует в опросе.',
    en: 'This school does not take part in this campaign.',
  },
  'results.role_unknown': { ru: 'Такой группы респондентов в этом опросе нет.', en: 'This campaign has no such group of respondents.' },
  'results.bad_filter': {
    ru: 'Отбор возможен только по ответу на вопрос с вариантами.',
    en: 'Results can be filtered only by an answer to a choice question.',
  },
  'export.personal_responses': {
    ru: 'Ответы этой диагностики личные: выгружается только таблица показателей.',
    en: "This diagnostic's answers are personal: only the indicator table is exported.",
  },
  'report.empty': { ru: 'У этого инструмента нет показателей для справки.', en: 'This instrument has no indicators to report on.' },

  // Known to the client only.
  network: { ru: 'Нет связи с сервером. Проверьте подключение.', en: 'The server cannot be reached. Check your connection.' },
  refused: {
    ru: 'Запрос не принят. Проверьте введённые данные и попробуйте ещё раз.',
    en: 'The request was not accepted. Check what you entered and try again.',
  },
  unknown: {
    ru: 'Что-то пошло не так на нашей стороне. Попробуйте позже.',
    en: 'Something went wrong on our side. Please try again later.',
  },
};

const isKnown = (code: string): code is ErrorCode => Object.prototype.hasOwnProperty.call(errorTexts, code);

/**
 * The code to explain an error by: the server's when the texts know it; otherwise by its status (no
 * answer: network; another 4xx: the request was refused; anything else: our side).
 */
export function errorCodeOf(err: unknown): ErrorCode {
  const { code, status } = (err ?? {}) as { code?: unknown; status?: unknown };
  if (typeof code === 'string' && isKnown(code)) return code;
  if (status === 0) return 'network';
  if (typeof status === 'number' && status >= 400 && status < 500) return 'refused';
  return 'unknown';
}

/**
 * The text of an error (an ApiError, a roster line problem, or anything thrown) in the page's
 * language, with `{field}` replaced by `field` (the page's label for it, or the field's name).
 */
export function errorText(locale: Locale, err: unknown, field?: string): string {
  const text = errorTexts[errorCodeOf(err)][locale];
  const named = field ?? (err as { field?: unknown } | null)?.field;
  return text.replace('{field}', typeof named === 'string' ? named : '');
}
