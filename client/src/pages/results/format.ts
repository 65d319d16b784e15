// How the results page writes its numbers and texts: in the page's language, shares with " %",
// targets as "≥ 80", names in the language's quotation marks.
import type { IndicatorResult, Target } from '../../api/results';
import type { Locale } from '../../i18n';
import type { resultsTexts } from './texts';

/** The page's texts in its language. */
export type T = (key: keyof (typeof resultsTexts)['ru']) => string;

export const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
export const number = (v: number, locale: Locale) => v.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 1 });
export const targetText = (t: Target | null, locale: Locale) => (t ? `${t.op === '>' ? '>' : '≥'} ${number(t.value, locale)}` : '');
/** A name in the page's language's quotation marks. */
export const quoted = (text: string, locale: Locale) => (locale === 'ru' ? `«${text}»` : `“${text}”`);
export const isShare = (i: IndicatorResult) => i.kind !== 'number' && i.kind !== 'mean' && i.kind !== 'count';
export const unit = (i: IndicatorResult) => (isShare(i) ? ' %' : '');
