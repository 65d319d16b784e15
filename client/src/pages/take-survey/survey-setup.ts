// How Mera dresses survey-core for respondents, without touching the instruments' files:
// Mera's theme (WCAG 2.1 AA contrast), page and question headings, ratings as buttons with their
// meaning shown, number fields that take "3,8" as well as "3.8", unique labels for repeated
// fields, and survey-core's Russian strings where they read badly.
import { Model, Question, surveyLocalization } from 'survey-core';
import 'survey-core/i18n/russian';
import { readNumber } from '../../../../server/surveys/numbers';
import type { Locale } from '../../i18n';
import { NumberShape, numberShape, parseNumber, withNumbers } from './number-answers';
import { format, surveyTexts } from './texts';
import './image-picker';

surveyLocalization.defaultLocale = 'ru';

/** survey-core's Russian strings that read badly (machine translation, wrong aspect or register). */
const russianCorrections: Record<string, string> = {
  selectCaption: 'Выбрать',
  buttongroupOptionsCaption: 'Выберите…',
  ratingOptionsCaption: 'Выберите оценку…',
  placeholder: 'Выберите…',
  modalCancelButtonText: 'Отмена',
  modalApplyButtonText: 'Применить',
  questionsProgressText: 'Отвечено на {0} из {1} вопросов',
  invalidInputError: 'Некорректное значение',
  textMinLength: 'Введите не меньше {0} символов.',
  textMaxLength: 'Введите не больше {0} символов.',
  minSelectError: 'Выберите не меньше {0}.',
  maxSelectError: 'Выберите не больше {0}.',
  otherRequiredError: 'Опишите вариант «Другое».',
  noRowsText: 'Строк нет.',
  loadingSurvey: 'Загрузка опроса…',
  numericError: 'Введите число.',
  requiredInAllRowsError: 'Ответьте, пожалуйста, в каждой строке.',
};
Object.assign(surveyLocalization.locales.ru, russianCorrections);

/**
 * Mera's colours as survey-core theme variables. Contrast on white: accent #1f5fae 6.3:1 (buttons'
 * text, selected items), text #1d2733 15:1, secondary text #4e5a68 7:1, control outlines #6b7684 4.6:1.
 */
const meraTheme = {
  themeName: 'mera',
  colorPalette: 'light',
  isPanelless: false,
  cssVariables: {
    '--sjs2-color-project-brand-600': '#1f5fae',
    '--sjs2-color-project-brand-700': '#184c8c',
    '--sjs2-color-project-brand-800': '#123a6b',
    '--sjs2-palette-gray-900': '#1d2733',
    '--sjs2-color-fg-basic-primary': '#1d2733',
    '--sjs2-color-fg-basic-secondary': '#4e5a68',
    '--sjs2-color-fg-basic-tertiary': '#5b6775',
    '--sjs2-color-component-input-default-line': '#6b7684',
    '--sjs2-color-component-formbox-default-border': '#6b7684',
    '--sjs2-color-component-radio-false-default-border': '#6b7684',
    '--sjs2-color-component-checkbox-false-default-border': '#6b7684',
    '--sjs2-color-utility-surface-survey': '#f6f7f9',
    '--sjs2-color-utility-body': '#f6f7f9',
    '--sjs2-color-border-basic-secondary-overlay': '#6b7684',
    '--sjs2-color-bg-basic-secondary': '#f3f5f8',
    '--sjs2-color-bg-basic-primary-dim': '#f3f5f8',
    '--sjs2-color-utility-shadow-surface-focused': '#1d2733',
    '--sjs2-color-bg-alert-primary': '#b3261e',
    '--sjs2-color-fg-alert-primary': '#b3261e',
  },
};

export interface NumberRule {
  min?: number;
  max?: number;
}

/** The answers as the server wants them: number boxes' texts as numbers, in matrices and panels too. */
export const answersToSend = (data: Record<string, unknown>, shape: NumberShape) => withNumbers(data, shape);

const shorten = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, '')}…` : text);

/** survey-core's `--sd-mobile-width` (survey-core.fontless.css) and the page's side padding (`main` in styles.css). */
const surveyMobileWidth = 600;
const pagePadding = 2 * 16;

/**
 * Builds the model of an instrument's survey, dressed for respondents, for a window `windowWidth`
 * pixels wide. survey-core decides phone or desktop layout only after its first render (a
 * ResizeObserver measures the survey), then renders every question again; deciding it here from
 * the window's width spares a phone that second render and layout (the observer still corrects a
 * wrong guess).
 */
export function buildSurveyModel(
  survey: Record<string, unknown>,
  getLocale: () => Locale,
  windowWidth?: number,
): { model: Model; numbers: Map<string, NumberRule>; shape: NumberShape } {
  // The title is Mera's own <h1> above the survey; progress is Mera's "page X of N".
  const model = new Model({ ...survey, showTitle: false, showProgressBar: false });
  model.showCompletedPage = false;
  model.applyTheme(meraTheme as never);
  if (windowWidth !== undefined) model.setIsMobile(windowWidth - pagePadding < surveyMobileWidth);

  // Headings in order: the survey's h1 (Mera's), pages h2, panels and questions h3.
  model.onGetTitleTagName.add((_sender, options) => {
    const element = options.element as { isPage?: boolean; isPanel?: boolean };
    options.tagName = element.isPage ? 'h2' : 'h3';
  });

  const numbers = new Map<string, NumberRule>();
  const byTitle = new Map<string, Question[]>();
  const all = model.getAllQuestions(false, false, true) as Question[];
  all.forEach((q, index) => {
    const type = q.getType();
    if (type === 'rating') {
      // Buttons at every width (survey-core turns them into a dropdown when narrow, losing the meaning).
      q.setPropertyValue('displayMode', 'buttons');
      q.setPropertyValue('rateDescriptionLocation', 'topBottom');
    }
    if (type === 'text' && q.getPropertyValue('inputType') === 'number') {
      // A number input drops a decimal comma ("3,8" became 38); a text input keeps what was typed and
      // Mera reads it as a number (see answersToSend) after checking it (onValidateQuestion).
      numbers.set(q.name, { min: toNumber(q.getPropertyValue('min')), max: toNumber(q.getPropertyValue('max')) });
      q.setPropertyValue('inputType', 'text');
      q.setPropertyValue('min', undefined);
      q.setPropertyValue('max', undefined);
    }
    if (type === 'ranking') {
      // How to reorder, in both languages, after the question's own description.
      const hint = q.getPropertyValue('selectToRankEnabled') ? 'rankingSelect' : 'rankingDrag';
      const ownRu = q.locDescription.getLocaleText('') || q.locDescription.getLocaleText('ru');
      const ownEn = q.locDescription.getLocaleText('en') || ownRu;
      const joined = (own: string, text: string) => (own ? `${own} ${text}` : text);
      q.locDescription.setLocaleText('', joined(ownRu, surveyTexts.ru[hint]));
      q.locDescription.setLocaleText('en', joined(ownEn, surveyTexts.en[hint]));
    }
    // Matrix cells and the questions of dynamic panels repeat by design (one per row or panel, each
    // named by its row or panel): only the survey's own questions are told apart.
    if (type !== 'html' && !q.parentQuestion) {
      const key = q.locTitle.getLocaleText('') || q.name;
      byTitle.set(key, [...(byTitle.get(key) ?? []), q]);
    }
    void index;
  });

  // Repeated fields (the checklist's evidence boxes) get a label naming the item they belong to: the
  // survey's question before them (a title left out is the name, as survey-core shows it).
  const surveyQuestions = all.filter((q) => !q.parentQuestion);
  const titleIn = (q: Question, locale: string) => q.locTitle.getLocaleText(locale) || q.locTitle.getLocaleText('') || q.name;
  for (const group of byTitle.values()) {
    if (group.length < 2) continue;
    for (const q of group) {
      const previous = surveyQuestions[surveyQuestions.indexOf(q) - 1];
      if (!previous) continue;
      for (const locale of ['', 'en']) {
        const own = titleIn(q, locale);
        const item = titleIn(previous, locale);
        q.locTitle.setLocaleText(locale, `${own} — «${shorten(item)}»`);
      }
    }
  }

  // A number field's text becomes the number it means as soon as it is read («1 300» → 1300), so the
  // survey's own cross-field checks ({a} + {b} <= {total}) compare numbers, as the server does.
  model.onValueChanging.add((_sender, options) => {
    if (!numbers.has(options.name) || typeof options.value !== 'string') return;
    const number = parseNumber(options.value);
    if (number !== undefined) options.value = number;
  });

  model.onValidateQuestion.add((_sender, options) => {
    const rule = numbers.get(options.name);
    if (!rule || options.value === undefined || options.value === null || String(options.value).trim() === '') return;
    const texts = surveyTexts[getLocale()];
    const value = typeof options.value === 'number' ? options.value : parseNumber(String(options.value));
    const reading = typeof options.value === 'number' ? undefined : readNumber(String(options.value));
    if (reading && 'ambiguous' in reading) options.error = texts.numberAmbiguous;
    else if (value === undefined) options.error = texts.numberExpected;
    else if (rule.min !== undefined && value < rule.min) options.error = format(texts.numberMin, localNumber(rule.min, getLocale()));
    else if (rule.max !== undefined && value > rule.max) options.error = format(texts.numberMax, localNumber(rule.max, getLocale()));
  });

  model.onAfterRenderQuestion.add((_sender, options) => {
    if (!numbers.has(options.question.name)) return;
    const input = options.htmlElement.querySelector('input');
    // The phone shows a keyboard with digits and a decimal separator.
    input?.setAttribute('inputmode', 'decimal');
    input?.setAttribute('autocomplete', 'off');
  });

  // Number boxes inside matrices and multiple text (survey-core renders them as text boxes) bring up
  // the phone's number keyboard too; the boxes appear after the event, so they are marked a frame later.
  const later = (fn: () => void) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fn) : setTimeout(fn, 0));
  const shape = numberShape(survey);
  model.onAfterRenderMatrixCell.add((_sender, options) => {
    // A total's cell (a column's totalType) belongs to no row: survey-core gives it no matrix.
    if (!options.question) return;
    const node = shape.get(options.question.getValueName());
    const column = (options.column as { name?: string } | undefined)?.name;
    if (node?.kind !== 'rows' || !column || !node.cells.has(column)) return;
    const mark = () => options.htmlElement.querySelector('input')?.setAttribute('inputmode', 'decimal');
    mark();
    later(mark);
  });
  model.onAfterRenderQuestion.add((_sender, options) => {
    const question = options.question as Question & { items?: { name: string }[] };
    const node = shape.get(question.getValueName());
    if (question.getType() !== 'multipletext' || node?.kind !== 'items') return;
    const mark = () =>
      options.htmlElement.querySelectorAll('input').forEach((input, i) => {
        const item = question.items?.[i]?.name;
        if (item && node.items.has(item)) input.setAttribute('inputmode', 'decimal');
      });
    mark();
    later(mark);
  });

  return { model, numbers, shape };
}

function toNumber(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();

/**
 * A number as the page's language writes it ("3,8" in Russian). Small whole numbers (the page
 * counter, most bounds) read the same in both languages and skip Intl: making the first
 * NumberFormat loads ICU's locale data, about 200 ms on a slow phone, on every visit.
 */
export function localNumber(n: number, locale: Locale): string {
  if (Number.isInteger(n) && Math.abs(n) < 1000) return String(n);
  let formatter = numberFormats.get(locale);
  if (!formatter) numberFormats.set(locale, (formatter = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB')));
  return formatter.format(n);
}
