// The users list's search, filters and pages (issue 26, item 9): a name or e-mail search, a role and
// a school filter, 25 users a page; what is shown is said («Показаны 1–25 из 59»).
import { useState } from 'react';
import type { Role, UserView } from '../../api/accounts';
import type { SchoolView } from '../../api/schools';
import { pick, useTexts, type Locale } from '../../i18n';
import './users.css';

const PAGE = 25;

const texts = {
  ru: {
    filters: 'Поиск и отбор пользователей',
    search: 'Поиск по имени или почте',
    role: 'Роль',
    school: 'Школа',
    all: 'Все',
    shown: 'Показаны {from}–{to} из {all}',
    none: 'Никто не подходит под условия отбора.',
    previous: 'Предыдущая страница',
    next: 'Следующая страница',
    pages: 'Страницы списка',
  },
  en: {
    filters: 'Search and filter users',
    search: 'Search by name or e-mail',
    role: 'Role',
    school: 'School',
    all: 'All',
    shown: 'Showing {from}–{to} of {all}',
    none: 'Nobody matches the filters.',
    previous: 'Previous page',
    next: 'Next page',
    pages: 'Pages of the list',
  },
};

const fill = (text: string, values: Record<string, number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));

/** The users' list narrowed and paged, with its controls above and its pages below. */
export function useUserFilters(users: UserView[] | undefined, schools: SchoolView[], roleName: (r: Role) => string, locale: Locale) {
  const [, t] = useTexts(texts);
  const [query, setQuery] = useState('');
  const [role, setRole] = useState('');
  const [school, setSchool] = useState('');
  const [page, setPage] = useState(0);
  const needle = query.trim().toLocaleLowerCase();
  const matching = (users ?? []).filter(
    (u) =>
      (!needle || `${u.name ?? ''} ${u.email}`.toLocaleLowerCase().includes(needle)) &&
      (!role || u.role === role) &&
      (!school || u.schoolId === school),
  );
  const pages = Math.max(1, Math.ceil(matching.length / PAGE));
  const current = Math.min(page, pages - 1);
  const shown = matching.slice(current * PAGE, current * PAGE + PAGE);
  const roles = [...new Set((users ?? []).map((u) => u.role))];
  const schoolIds = new Set((users ?? []).flatMap((u) => (u.schoolId ? [u.schoolId] : [])));
  const change = (set: (v: string) => void) => (v: string) => {
    set(v);
    setPage(0);
  };

  const controls = (
    <fieldset className="user-filters">
      <legend>{t('filters')}</legend>
      <div>
        <label htmlFor="users-search">{t('search')}</label>
        <input id="users-search" type="search" value={query} onChange={(e) => change(setQuery)(e.target.value)} />
      </div>
      <div>
        <label htmlFor="users-role">{t('role')}</label>
        <select id="users-role" value={role} onChange={(e) => change(setRole)(e.target.value)}>
          <option value="">{t('all')}</option>
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleName(r)}
            </option>
          ))}
        </select>
      </div>
      {schoolIds.size > 1 && (
        <div>
          <label htmlFor="users-school">{t('school')}</label>
          <select id="users-school" value={school} onChange={(e) => change(setSchool)(e.target.value)}>
            <option value="">{t('all')}</option>
            {schools
              .filter((s) => schoolIds.has(s.id))
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {pick(s.shortName, locale)}
                </option>
              ))}
          </select>
        </div>
      )}
    </fieldset>
  );

  const pager = (
    <nav className="user-pages" aria-label={t('pages')}>
      <p role="status">
        {matching.length === 0
          ? t('none')
          : fill(t('shown'), { from: current * PAGE + 1, to: current * PAGE + shown.length, all: matching.length })}
      </p>
      {pages > 1 && (
        <>
          <button type="button" className="button-quiet" disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t('previous')}
          </button>{' '}
          <button type="button" className="button-quiet" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            {t('next')}
          </button>
        </>
      )}
    </nav>
  );
  return { shown, controls, pager };
}
