// The respondent page's own texts, Russian and English, including what the server's error codes
// mean to a respondent (the server's messages are English, for logs and the API).
import type { PageTexts } from '../../i18n';

export const surveyTexts: PageTexts<
  | 'loading'
  | 'pageOf'
  | 'resumed'
  | 'startOver'
  | 'answeredBefore'
  | 'answerAgain'
  | 'sending'
  | 'savedOffline'
  | 'savedOfflineTitle'
  | 'sendNow'
  | 'sendFailed'
  | 'retry'
  | 'backToAnswers'
  | 'closedWhileAnswering'
  | 'thanksTitle'
  | 'thanks'
  | 'anonymousNote'
  | 'numberExpected'
  | 'numberMin'
  | 'numberMax'
  | 'error.link.unknown'
  | 'error.campaign.closed'
  | 'error.campaign.not_open'
  | 'error.response.invalid'
  | 'error.response.empty'
  | 'error.response.in_progress'
  | 'error.request.too_large'
  | 'error.network'
  | 'error.unknown'
  | 'closedTitle'
  | 'titleSuffix'
  | 'failedTitle.link.unknown'
  | 'failedTitle.campaign.not_open'
  | 'failedTitle.network'
  | 'failedTitle.other'
> = {
  ru: {
    loading: 'Загрузка опроса…',
    pageOf: 'Страница {0} из {1}',
    resumed: 'Мы восстановили ваши ответы — можно продолжать с того места, где вы остановились.',
    startOver: 'Начать заново',
    answeredBefore: 'Вы уже ответили на этот опрос с этого устройства. Спасибо!',
    answerAgain: 'Ответить ещё раз (например, за второго ребёнка)',
    sending: 'Отправляем ответы…',
    savedOfflineTitle: 'Нет связи',
    savedOffline:
      'Ответы сохранены на этом устройстве и будут отправлены, когда появится связь. Страницу можно закрыть: при следующем открытии ссылки они отправятся сами.',
    sendNow: 'Отправить сейчас',
    sendFailed: 'Ответы не отправлены.',
    retry: 'Попробовать ещё раз',
    backToAnswers: 'Вернуться к ответам',
    closedWhileAnswering: 'Пока вы отвечали, опрос закрылся, и ответы больше не принимаются. Спасибо за участие!',
    thanksTitle: 'Спасибо!',
    thanks: 'Ваши ответы получены. Они помогут школе стать лучше.',
    anonymousNote: 'Опрос анонимный: мы не спрашиваем и не сохраняем ваше имя, адрес или время ответа.',
    numberExpected: 'Введите число, например 3,8.',
    numberMin: 'Значение не должно быть меньше {0}.',
    numberMax: 'Значение не должно быть больше {0}.',
    'error.link.unknown': 'Ссылка на опрос не найдена. Проверьте, что она скопирована полностью.',
    'error.campaign.closed': 'Этот опрос закрыт и больше не принимает ответы. Спасибо за интерес!',
    'error.campaign.not_open': 'Этот опрос ещё не начался.',
    'error.response.invalid': 'Один из ответов не принят: проверьте вопрос «{0}».',
    'error.response.empty': 'Ответов нет: ответьте хотя бы на один вопрос.',
    'error.response.in_progress': 'Ответы ещё сохраняются. Попробуйте через минуту.',
    'error.request.too_large': 'Ответы слишком длинные: сократите текстовые поля.',
    'error.network': 'Нет связи с сервером. Проверьте подключение.',
    'error.unknown': 'Что-то пошло не так на нашей стороне. Попробуйте позже.',
    closedTitle: 'Опрос завершён',
    titleSuffix: 'Мера',
    'failedTitle.link.unknown': 'Ссылка не найдена',
    'failedTitle.campaign.not_open': 'Опрос ещё не начался',
    'failedTitle.network': 'Нет связи',
    'failedTitle.other': 'Опрос не загрузился',
  },
  en: {
    loading: 'Loading the survey…',
    pageOf: 'Page {0} of {1}',
    resumed: 'We restored your answers: you can go on where you left off.',
    startOver: 'Start over',
    answeredBefore: 'You have already answered this survey on this device. Thank you!',
    answerAgain: 'Answer again (for example, for a second child)',
    sending: 'Sending your answers…',
    savedOfflineTitle: 'No connection',
    savedOffline:
      'Your answers are saved on this device and will be sent when the connection returns. You may close the page: they will be sent when the link is opened again.',
    sendNow: 'Send now',
    sendFailed: 'Your answers were not sent.',
    retry: 'Try again',
    backToAnswers: 'Back to the answers',
    closedWhileAnswering: 'The survey closed while you were answering and no longer takes answers. Thank you for taking part!',
    thanksTitle: 'Thank you!',
    thanks: 'Your answers have been received. They will help the school improve.',
    anonymousNote: 'This survey is anonymous: we neither ask for nor store your name, address or the time you answered.',
    numberExpected: 'Enter a number, for example 3.8.',
    numberMin: 'The value must not be less than {0}.',
    numberMax: 'The value must not be more than {0}.',
    'error.link.unknown': 'This survey link is not known. Check that it was copied whole.',
    'error.campaign.closed': 'This survey is closed and no longer takes answers. Thank you for your interest!',
    'error.campaign.not_open': 'This survey has not started yet.',
    'error.response.invalid': 'One of the answers was not accepted: check the question “{0}”.',
    'error.response.empty': 'There are no answers: answer at least one question.',
    'error.response.in_progress': 'Your answers are still being saved. Try again in a minute.',
    'error.request.too_large': 'The answers are too long: shorten the text fields.',
    'error.network': 'The server cannot be reached. Check your connection.',
    'error.unknown': 'Something went wrong on our side. Please try again later.',
    closedTitle: 'Survey closed',
    titleSuffix: 'Mera',
    'failedTitle.link.unknown': 'Link not found',
    'failedTitle.campaign.not_open': 'The survey has not started',
    'failedTitle.network': 'No connection',
    'failedTitle.other': 'The survey did not load',
  },
};

export type SurveyTextKey = keyof (typeof surveyTexts)['ru'];

/** The text for a server error code, in the page's language; codes it does not know read as "unknown". */
export function errorTextKey(code: string): SurveyTextKey {
  const key = `error.${code}` as SurveyTextKey;
  if (key in surveyTexts.ru) return key;
  if (code.startsWith('request.')) return 'error.response.invalid';
  return 'error.unknown';
}

export const format = (text: string, ...values: (string | number)[]) =>
  values.reduce<string>((s, v, i) => s.replace(`{${i}}`, String(v)), text);

export function failedTitleKey(code: string): SurveyTextKey {
  const key = `failedTitle.${code}` as SurveyTextKey;
  return key in surveyTexts.ru ? key : 'failedTitle.other';
}
