// The school form page's own texts (SchoolForm.tsx), Russian and English. Error codes' texts are in
// client/src/errors/texts.ts.
import type { PageTexts } from '../../i18n';

export const schoolFormTexts: PageTexts<
  | 'loading'
  | 'signIn'
  | 'goSignIn'
  | 'officialNote'
  | 'savedAs'
  | 'saving'
  | 'saveFailed'
  | 'conflict'
  | 'sentTitle'
  | 'sentBy'
  | 'revisionList'
  | 'revision'
  | 'correct'
  | 'correcting'
  | 'reasonLabel'
  | 'reasonHint'
  | 'sendCorrection'
  | 'cancel'
  | 'sending'
  | 'sendFailed'
  | 'reload'
  | 'closedNote'
  | 'notOpenNote'
  | 'readOnlyNote'
  | 'reopenedNote'
  | 'nothingSent'
  | 'complete'
  | 'back'
  | 'reopen'
  | 'reopenReason'
  | 'reopened'
> = {
  ru: {
    loading: 'Загрузка формы…',
    signIn: 'Это официальная отчётность школы: её заполняют координатор школы и рабочая группа, войдя в Меру.',
    goSignIn: 'Войти',
    officialNote:
      'Официальная отчётность школы, не анонимный опрос: ответы сохраняются на сервере по ходу заполнения, их видит вся рабочая группа, а каждая отправка сохраняется с именем отправившего.',
    savedAs: 'Черновик сохранён',
    saving: 'Сохраняем черновик…',
    saveFailed: 'Черновик не сохранён.',
    conflict: 'Пока вы заполняли форму, её сохранил(а) {0}. Показан этот вариант: проверьте ответы и продолжайте.',
    sentTitle: 'Форма отправлена',
    sentBy: 'Редакция {0}: отправил(а) {1}, {2}.',
    revisionList: 'Редакции формы',
    revision: 'Редакция {0} — {1}, {2}',
    correct: 'Исправить',
    correcting: 'Вы исправляете отправленную форму. Прежняя редакция сохранится, изменение попадёт в журнал.',
    reasonLabel: 'Почему исправляете',
    reasonHint: 'Например: «Уточнили число обучающихся по данным на 1 сентября».',
    sendCorrection: 'Отправить исправление',
    cancel: 'Отмена',
    sending: 'Отправляем…',
    sendFailed: 'Форма не отправлена.',
    reload: 'Обновить форму',
    closedNote: 'Сбор закрыт. Исправить форму можно, только если координатор кластера откроет её снова для вашей школы.',
    notOpenNote: 'Сбор ещё не начался.',
    readOnlyNote: 'Вы видите форму только для чтения.',
    reopenedNote: 'Координатор кластера открыл форму вашей школы для исправления.',
    nothingSent: 'Школа ещё не отправила эту форму.',
    complete: 'Готово',
    back: 'К заданиям',
    reopen: 'Открыть форму школы для исправления',
    reopenReason: 'Почему открываете (необязательно)',
    reopened: 'Форма открыта для исправления: школа может отправить одну исправленную редакцию.',
  },
  en: {
    loading: 'Loading the form…',
    signIn: "This is the school's official return: the school's coordinator and its working group fill it in, signed in to Mera.",
    goSignIn: 'Sign in',
    officialNote:
      "The school's official return, not an anonymous survey: answers are saved on the server as you fill them in, the whole working group sees them, and each sending is kept with the name of who sent it.",
    savedAs: 'Draft saved',
    saving: 'Saving the draft…',
    saveFailed: 'The draft was not saved.',
    conflict: 'While you were filling in the form, {0} saved it. Their version is shown: check the answers and carry on.',
    sentTitle: 'The form has been sent',
    sentBy: 'Revision {0}: sent by {1}, {2}.',
    revisionList: "The form's revisions",
    revision: 'Revision {0} — {1}, {2}',
    correct: 'Correct',
    correcting: 'You are correcting the sent form. The earlier revision is kept and the change goes into the log.',
    reasonLabel: 'Why are you correcting it',
    reasonHint: 'For example: "Updated the number of students as of 1 September".',
    sendCorrection: 'Send the correction',
    cancel: 'Cancel',
    sending: 'Sending…',
    sendFailed: 'The form was not sent.',
    reload: 'Reload the form',
    closedNote: 'The campaign is closed. The form can be corrected only if the cluster coordinator reopens it for your school.',
    notOpenNote: 'The campaign has not started yet.',
    readOnlyNote: 'You see this form read-only.',
    reopenedNote: "The cluster coordinator has reopened your school's form for a correction.",
    nothingSent: 'The school has not sent this form yet.',
    complete: 'Done',
    back: 'Back to tasks',
    reopen: "Reopen the school's form for a correction",
    reopenReason: 'Why (optional)',
    reopened: 'The form is reopened: the school may send one corrected revision.',
  },
};
