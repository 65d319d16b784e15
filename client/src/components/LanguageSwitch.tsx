import { Locale, setLocale, useLocale } from '../i18n';

const choices: { locale: Locale; label: string; name: string }[] = [
  { locale: 'ru', label: 'RU', name: 'Русский' },
  { locale: 'en', label: 'EN', name: 'English' },
];

/** A visible RU / EN switch; the choice is remembered in this browser. */
export function LanguageSwitch() {
  const [locale, t] = useLocale();
  return (
    <div className="language-switch" role="group" aria-label={t('language')}>
      {choices.map((c) => (
        <button key={c.locale} type="button" lang={c.locale} aria-pressed={locale === c.locale} onClick={() => setLocale(c.locale)}>
          {/* The name starts with the visible text (WCAG 2.5.3) and says the language in full. */}
          {c.label}
          <span className="visually-hidden"> — {c.name}</span>
        </button>
      ))}
    </div>
  );
}
