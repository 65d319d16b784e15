// Pieces shared by the campaign screens: school and campaign labels, the status badge, days
// written in the page's language, and the server's error turned into the page's language.
import { ApiError } from '../../api/http';
import type { CampaignStatus } from '../../api/campaigns';
import type { SchoolView } from '../../api/schools';
import { Locale, pick } from '../../i18n';
import { CampaignTextKey, errorText } from './texts';

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
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(Date.UTC(y, m - 1, d));
}

export function StatusBadge({ status, t }: { status: CampaignStatus; t: T }) {
  return <span className={`status status-${status}`}>{t(`status.${status}`)}</span>;
}

/** An error from a call, in the page's language: { text, field }. */
export function problemOf(err: unknown, t: T): { text: string; field?: string } {
  if (err instanceof ApiError) return { text: errorText(t, err.code, err.field), field: err.field };
  return { text: t('error.unknown') };
}

/** Today in the browser, YYYY-MM-DD (a default for the plan's days; the server checks them). */
export function today(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
