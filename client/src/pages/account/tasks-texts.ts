// Texts of the account page's tasks block, Russian and English.
import type { PageTexts } from '../../i18n';

export const tasksTexts: PageTexts<
  | 'title'
  | 'loading'
  | 'none'
  | 'failed'
  | 'until'
  | 'open'
  | 'resume'
  | 'fill'
  | 'view'
  | 'kind.diagnostic'
  | 'kind.staff-survey'
  | 'kind.school-form'
  | 'status.to-do'
  | 'status.started'
  | 'status.done'
  | 'status.unknown'
  | 'group.title'
  | 'group.hint'
  | 'group.none'
  | 'group.save'
  | 'group.saved'
> = {
  ru: {
    title: 'Мои задания',
    loading: 'Загружаем задания…',
    none: 'Сейчас заданий нет.',
    failed: 'Не удалось загрузить задания. Обновите страницу.',
    until: 'до',
    open: 'Пройти',
    resume: 'Продолжить',
    fill: 'Заполнить',
    view: 'Открыть',
    'kind.diagnostic': 'Диагностика',
    'kind.staff-survey': 'Анонимный опрос педагогов',
    'kind.school-form': 'Форма школы',
    'status.to-do': 'Не начато',
    'status.started': 'Начато',
    'status.done': 'Выполнено',
    'status.unknown': 'Анонимно: отметки о выполнении нет',
    'group.title': 'Рабочая группа',
    'group.hint': 'Коллеги, которые заполняют эту форму вместе с вами: у них появится задание, черновик общий.',
    'group.none': 'В школе пока нет педагогов с учётной записью.',
    'group.save': 'Сохранить группу',
    'group.saved': 'Рабочая группа сохранена.',
  },
  en: {
    title: 'My tasks',
    loading: 'Loading your tasks…',
    none: 'You have no tasks right now.',
    failed: 'Your tasks could not be loaded. Reload the page.',
    until: 'by',
    open: 'Start',
    resume: 'Continue',
    fill: 'Fill in',
    view: 'Open',
    'kind.diagnostic': 'Diagnostic',
    'kind.staff-survey': 'Anonymous staff survey',
    'kind.school-form': 'School form',
    'status.to-do': 'Not started',
    'status.started': 'Started',
    'status.done': 'Done',
    'status.unknown': 'Anonymous: nothing records who answered',
    'group.title': 'Working group',
    'group.hint': 'Colleagues who fill in this form with you: they get the task, and the draft is shared.',
    'group.none': 'No teacher of the school has an account yet.',
    'group.save': 'Save the group',
    'group.saved': 'The working group is saved.',
  },
};
