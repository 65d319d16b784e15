// The respondent page's own texts, Russian and English. What the server's error codes mean to a
// respondent is in client/src/errors/texts.ts, as for every page.
import type { PageTexts } from '../../i18n';

/** Whom the page speaks to: students («ты»), parents, everyone else (staff, teachers). */
type Audience = 'student' | 'parent' | 'other';

export const surveyTexts: PageTexts<
  | 'loading'
  | 'pageOf'
  | 'resume'
  | 'startOver'
  | `resumeTitle.${Audience}`
  | `resumeText.${Audience}`
  | `answeredBefore.${Audience}`
  | `answerAgain.${Audience}`
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
  | 'numberAmbiguous'
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
    resume: 'Продолжить с того места',
    startOver: 'Начать заново',
    'resumeTitle.student': 'На этом устройстве есть незаконченные ответы',
    'resumeTitle.parent': 'На этом устройстве есть незаконченные ответы',
    'resumeTitle.other': 'На этом устройстве есть незаконченные ответы',
    'resumeText.student':
      'Кто-то начал отвечать на этот опрос с этого устройства и не закончил. Если это был ты — продолжай с того места. Если нет — начни заново: чужие ответы сотрутся.',
    'resumeText.parent':
      'На этот опрос начали отвечать с этого устройства и не закончили. Если это были вы — продолжите с того места. Если нет — начните заново: прежние ответы сотрутся.',
    'resumeText.other':
      'На этот опрос начали отвечать с этого устройства и не закончили. Если это были вы — продолжите с того места. Если нет — начните заново: прежние ответы сотрутся.',
    'answeredBefore.student':
      'С этого устройства на этот опрос уже ответили. Если это был не ты, ответь сам — твои ответы будут отдельными.',
    'answeredBefore.parent':
      'С этого устройства на этот опрос уже ответили. Спасибо! Если у вас ещё один ребёнок в этой школе, можно ответить ещё раз.',
    'answeredBefore.other': 'С этого устройства на этот опрос уже ответили. Если это были не вы, можно ответить.',
    'answerAgain.student': 'Ответить на опрос',
    'answerAgain.parent': 'Ответить ещё раз (за второго ребёнка)',
    'answerAgain.other': 'Ответить на опрос',
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
    numberAmbiguous: 'Непонятно, тысячи это или дробь: напишите 1300 или 1,3.',
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
    resume: 'Continue where it was left',
    startOver: 'Start over',
    'resumeTitle.student': 'This device has unfinished answers',
    'resumeTitle.parent': 'This device has unfinished answers',
    'resumeTitle.other': 'This device has unfinished answers',
    'resumeText.student':
      "Someone started this survey on this device and did not finish. If it was you, continue where you left off. If not, start over: the other person's answers will be erased.",
    'resumeText.parent':
      'Someone started this survey on this device and did not finish. If it was you, continue where you left off. If not, start over: the earlier answers will be erased.',
    'resumeText.other':
      'Someone started this survey on this device and did not finish. If it was you, continue where you left off. If not, start over: the earlier answers will be erased.',
    'answeredBefore.student':
      'This survey has already been answered on this device. If it was not you, answer it yourself: your answers will be separate.',
    'answeredBefore.parent':
      'This survey has already been answered on this device. Thank you! If you have another child at this school, you may answer again.',
    'answeredBefore.other': 'This survey has already been answered on this device. If it was not you, you may answer.',
    'answerAgain.student': 'Answer the survey',
    'answerAgain.parent': 'Answer again (for another child)',
    'answerAgain.other': 'Answer the survey',
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
    numberAmbiguous: 'Thousands or a decimal? Write 1300 or 1.3.',
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
