// One way to write a calendar day (YYYY-MM-DD) on every page: «30 ноября 2026 г.» in Russian,
// "30 November 2026" in English; `short` for chart axes: «30.11.2026», "30/11/2026".
import type { Locale } from './i18n';

export function dayText(day: string, locale: Locale, { short = false }: { short?: boolean } = {}): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', {
    day: short ? '2-digit' : 'numeric',
    month: short ? '2-digit' : 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(Date.UTC(y, m - 1, d));
}
