// Pieces shared by the campaign screens: school and campaign labels, the status badge, days
// written in the page's language, and the server's error turned into the page's language.
import { ApiError } from '../../api/http';
import type { CampaignStatus } from '../../api/campaigns';
import type { SchoolView } from '../../api/schools';
import { errorText } from '../../errors/texts';
import { Locale, pick } from '../../i18n';
import { CampaignTextKey, fieldErrorKey, fieldLabelKey } from './texts';
import { dayText } from '../../dates';

export type T = (key: CampaignTextKey) => string;

export const schoolLabel = (
  s: { number: string | null; shortName: SchoolView['shortName'] | null } | null | undefined,
  locale: Locale,
  fallback = '',
) =>
  // The short name already carries the number ("Лицей № 344").
  s ? pick(s.shortName ?? undefined, locale) || `№ ${s.number ?? ''}` : fallback;

/** A calendar day (YYYY-MM-DD) as the reader writes it. */
export function dayLabel(day: string, locale: Locale): string {
  return dayText(day, locale);
}

export function StatusBadge({ status, t }: { status: CampaignStatus; t: T }) {
  return <span className={`status status-${status}`}>{t(`status.${status}`)}</span>;
}

/**
 * An error from a call, in the page's language: { text, field }. A field of the plan may have a
 * text of this page that says more; otherwise the common text, naming the field as the form does.
 */
export function problemOf(err: unknown, t: T, locale: Locale): { text: string; field?: string } {
  const field = err instanceof ApiError ? err.field : undefined;
  const refined = err instanceof ApiError ? fieldErrorKey(err.code, field) : undefined;
  if (refined) return { text: t(refined), field };
  const label = fieldLabelKey(field);
  return { text: errorText(locale, err, label ? t(label) : field), field };
}

/** Today in the browser, YYYY-MM-DD (a default for the plan's days; the server checks them). */
export function today(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
