// The respondent page's own texts, Russian and English. What the server's error codes mean to a
// respondent is in client/src/errors/texts.ts, as for every page.
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
  | 'closedTitle'
  | 'titleSuffix'
  | 'failedTitle.link.unknown'
  | 'failedTitle.campaign.not_open'
  | 'failedTitle.network'
  | 'failedTitle.other'
  | 'fieldIn'
  | 'fieldInRow'
  | 'contactNote'
  | 'contactWhy'
  | 'contactWhyMissing'
  | 'rankingDrag'
  | 'rankingSelect'
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
    closedTitle: 'Опрос завершён',
    titleSuffix: 'Мера',
    'failedTitle.link.unknown': 'Ссылка не найдена',
    'failedTitle.campaign.not_open': 'Опрос ещё не начался',
    'failedTitle.network': 'Нет связи',
    'failedTitle.other': 'Опрос не загрузился',
    fieldIn: '{0} — {1}',
    fieldInRow: '{0} — {1} (№ {2})',
    contactNote: 'В опросе есть вопросы о вас: {0}.',
    contactWhy: 'Зачем: {0}',
    contactWhyMissing: 'Организатор опроса не указал, зачем они нужны. Необязательные вопросы можно пропустить.',
    rankingDrag:
      'Расставьте варианты по порядку: перетащите их мышью или пальцем (первый — самый важный). С клавиатуры: перейдите к варианту клавишей Tab и двигайте его стрелками вверх и вниз.',
    rankingSelect:
      'Нажимайте на варианты по порядку важности: выбранные переходят в список по порядку; порядок можно поменять перетаскиванием.',
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
    closedTitle: 'Survey closed',
    titleSuffix: 'Mera',
    'failedTitle.link.unknown': 'Link not found',
    'failedTitle.campaign.not_open': 'The survey has not started',
    'failedTitle.network': 'No connection',
    'failedTitle.other': 'The survey did not load',
    fieldIn: '{0} — {1}',
    fieldInRow: '{0} — {1} (no. {2})',
    contactNote: 'This survey asks about you: {0}.',
    contactWhy: 'Why: {0}',
    contactWhyMissing: 'The organiser has not said why they are needed. You may skip the questions that are not required.',
    rankingDrag:
      'Put the options in order: drag them with the mouse or your finger (the first is the most important). With the keyboard: Tab to an option and move it with the up and down arrows.',
    rankingSelect: 'Tap the options in order of importance: each one you choose joins the ordered list; drag to change the order.',
  },
};

export type SurveyTextKey = keyof (typeof surveyTexts)['ru'];

export const format = (text: string, ...values: (string | number)[]) =>
  values.reduce<string>((s, v, i) => s.replace(`{${i}}`, String(v)), text);

export function failedTitleKey(code: string): SurveyTextKey {
  const key = `failedTitle.${code}` as SurveyTextKey;
  return key in surveyTexts.ru ? key : 'failedTitle.other';
}
