// The workspace's header on every signed-in page: the brand, the sections the role may use
// (workspace-nav.ts), the school year, the language and the account. On a phone (below 760 px)
// the sections fold behind a «Меню» button; on a desktop they stand in a row. Keyboard: every
// control is a link, a button or a select, in reading order; Escape closes the open menu.
import { useEffect, useId, useState } from 'react';
import type { SessionUser } from '../api/accounts';
import { useTexts, type PageTexts } from '../i18n';
import { recentSchoolYears, setSchoolYear, useSchoolYear } from '../school-year';
import { LanguageSwitch } from './LanguageSwitch';
import { currentSection, sectionsFor, type SectionKey } from './workspace-nav';
import './workspace-shell.css';

const shellTexts = {
  ru: {
    skip: 'Перейти к содержанию',
    brand: 'Мера',
    sections: 'Разделы',
    menu: 'Меню',
    year: 'Год',
    account: 'Профиль',
    tasks: 'Мои задачи',
    diagnostic: 'Моя диагностика',
    campaigns: 'Опросы',
    results: 'Результаты',
    framework: 'Критерии и показатели',
    users: 'Пользователи',
    instruments: 'Инструменты',
    audit: 'Журнал',
  },
  en: {
    skip: 'Skip to content',
    brand: 'Mera',
    sections: 'Sections',
    menu: 'Menu',
    year: 'Year',
    account: 'Account',
    tasks: 'My tasks',
    diagnostic: 'My diagnostic',
    campaigns: 'Campaigns',
    results: 'Results',
    framework: 'Criteria and indicators',
    users: 'Users',
    instruments: 'Instruments',
    audit: 'Audit log',
  },
} satisfies PageTexts<string>;

export function WorkspaceShell({ user }: { user: SessionUser }) {
  const [, t] = useTexts(shellTexts);
  const year = useSchoolYear();
  const [open, setOpen] = useState(false);
  const navId = useId();
  const here = currentSection(window.location.pathname, window.location.search);
  const years = recentSchoolYears();
  if (!years.includes(year)) years.push(year);

  useEffect(() => {
    if (!open) return;
    const close = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [open]);

  return (
    <header className="app-header workspace-header">
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <a className="brand" href="/account">
        {t('brand')}
      </a>
      <button type="button" className="workspace-menu-button" aria-expanded={open} aria-controls={navId} onClick={() => setOpen((o) => !o)}>
        {t('menu')}
      </button>
      <nav id={navId} className={`workspace-nav${open ? ' open' : ''}`} aria-label={t('sections')}>
        <ul>
          {sectionsFor(user.role).map((s) => (
            <li key={s.key}>
              <a href={s.href} aria-current={here === s.key ? 'page' : undefined}>
                {t(s.key as SectionKey)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="workspace-tools">
        <label className="workspace-year">
          <span>{t('year')}</span>
          <select value={year} onChange={(e) => setSchoolYear(e.target.value)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <LanguageSwitch />
        <a
          className="workspace-account"
          href="/account"
          aria-current={here === undefined && window.location.pathname.startsWith('/account') ? 'page' : undefined}
        >
          {user.name || user.email}
          <span className="visually-hidden"> — {t('account')}</span>
        </a>
      </div>
    </header>
  );
}
