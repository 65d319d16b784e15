import { useLocale } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

export function Header({ subtitle }: { subtitle?: string }) {
  const [, t] = useLocale();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <a className="brand" href="/">
        {t('appName')}
      </a>
      {subtitle && <span className="header-subtitle">{subtitle}</span>}
      <LanguageSwitch />
    </header>
  );
}
