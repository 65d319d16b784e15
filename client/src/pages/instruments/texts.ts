// The Instruments screen's texts, Russian and English.
import type { PageTexts } from '../../i18n';

type Key =
  | 'title'
  | 'loading'
  | 'notSignedIn'
  | 'goSignIn'
  | 'adminsOnly'
  | 'catalogue'
  | 'name'
  | 'respondents'
  | 'versions'
  | 'actions'
  | 'version'
  | 'campaignsOn'
  | 'plan'
  | 'anonymous'
  | 'upload'
  | 'file'
  | 'wholeFile'
  | 'previewFrame'
  | 'notJson'
  | 'id'
  | 'idHint'
  | 'titleField'
  | 'titleHint'
  | 'collectsContact'
  | 'contactPurpose'
  | 'contactPurposeHint'
  | 'check'
  | 'problems'
  | 'passes'
  | 'ignored'
  | 'preview'
  | 'phone'
  | 'desktop'
  | 'publish'
  | 'published'
  | 'same'
  | 'type.parent'
  | 'type.student'
  | 'type.teacher'
  | 'type.school';

export const instrumentTexts: PageTexts<Key> = {
  ru: {
    title: 'Инструменты',
    loading: 'Загрузка…',
    notSignedIn: 'Инструменты доступны администраторам после входа.',
    goSignIn: 'Войти',
    adminsOnly: 'Загружать и публиковать инструменты могут только администраторы.',
    catalogue: 'Каталог',
    name: 'Инструмент',
    respondents: 'Кто отвечает',
    versions: 'Версии',
    actions: 'Действия',
    version: 'Версия',
    campaignsOn: 'опросов: {n}',
    plan: 'Запланировать опрос',
    anonymous: 'Анонимный',
    upload: 'Загрузить инструмент',
    file: 'Файл SurveyJS Creator (JSON)',
    wholeFile: '(весь файл)',
    notJson: 'Это не JSON-файл опроса: выберите файл, сохранённый в SurveyJS Creator.',
    id: 'Идентификатор',
    idHint: 'Латинские строчные буквы, цифры и дефис, например club-survey. Новая версия — тот же идентификатор.',
    titleField: 'Название',
    titleHint: 'Если пусто — название опроса из файла, а если и его нет — идентификатор.',
    collectsContact: 'Опрос спрашивает контактные данные (e-mail, телефон, имя)',
    contactPurpose: 'Зачем они нужны',
    contactPurposeHint: 'Это увидят респонденты рядом с вопросами, например: «чтобы пригласить вас на встречу».',
    check: 'Проверить',
    problems: 'Инструмент не принят, проблем: {n}. Исправьте их в файле и загрузите снова:',
    passes: 'Проверка пройдена: будет опубликована версия {v}.',
    ignored: 'Сервер не использует свойств: {n} (оформление, подстановки, собственные свойства) — подробнее',
    preview: 'Предпросмотр',
    previewFrame: 'Страница респондента: {device}, {language}',
    phone: 'Телефон (390 px)',
    desktop: 'Компьютер (1024 px)',
    publish: 'Опубликовать как версию {v}',
    published: 'Опубликована версия {v}.',
    same: 'Такая же, как версия {v}: новая версия не нужна.',
    'type.parent': 'Родители',
    'type.student': 'Обучающиеся',
    'type.teacher': 'Педагоги',
    'type.school': 'Школа (форма)',
  },
  en: {
    title: 'Instruments',
    loading: 'Loading…',
    notSignedIn: 'Instruments are for administrators, after signing in.',
    goSignIn: 'Sign in',
    adminsOnly: 'Only administrators upload and publish instruments.',
    catalogue: 'Catalogue',
    name: 'Instrument',
    respondents: 'Who answers',
    versions: 'Versions',
    actions: 'Actions',
    version: 'Version',
    campaignsOn: 'campaigns: {n}',
    plan: 'Plan a campaign',
    anonymous: 'Anonymous',
    upload: 'Upload an instrument',
    file: 'SurveyJS Creator file (JSON)',
    wholeFile: '(the whole file)',
    notJson: 'This is not a survey JSON file: choose a file saved by SurveyJS Creator.',
    id: 'Id',
    idHint: 'Lower-case Latin letters, digits and hyphens, such as club-survey. A new version keeps the id.',
    titleField: 'Title',
    titleHint: "When empty: the survey's title from the file, or else the id.",
    collectsContact: 'The survey asks for contact details (e-mail, phone, name)',
    contactPurpose: 'Why they are needed',
    contactPurposeHint: 'Respondents see this beside the questions, for example: "to invite you to a meeting".',
    check: 'Check',
    problems: 'The instrument was not accepted ({n} problems). Fix them in the file and upload it again:',
    passes: 'The checks pass: it will be published as version {v}.',
    ignored: 'Properties the server does not use: {n} (look, prefills, custom properties) — details',
    preview: 'Preview',
    previewFrame: "The respondent's page: {device}, {language}",
    phone: 'Phone (390 px)',
    desktop: 'Desktop (1024 px)',
    publish: 'Publish as version {v}',
    published: 'Version {v} is published.',
    same: 'The same as version {v}: no new version needed.',
    'type.parent': 'Parents',
    'type.student': 'Students',
    'type.teacher': 'Teachers',
    'type.school': 'School (form)',
  },
};
