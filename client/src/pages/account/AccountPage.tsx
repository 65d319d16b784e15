// The signed-in person's page: who they are, their language, sign-out, links to what their
// role manages. Later features (the teacher's diagnostics, campaigns, results) hang here.
import { useEffect, useState } from 'react';
import { changeAccount, fetchSession, SessionUser, signOut } from '../../api/accounts';
import { Locale, setLocale, useLocale, useTexts } from '../../i18n';
import { MyDiagnostics } from '../diagnostic/MyDiagnostics';
import { AccountFrame } from './common';
import { MyTasks } from './MyTasks';
import { accountTexts } from './texts';

export default function AccountPage() {
  const [, t] = useTexts(accountTexts);
  const [, common] = useLocale();
  const [user, setUser] = useState<SessionUser | null>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    fetchSession().then(
      (s) => setUser(s.user),
      () => setUser(null),
    );
  }, []);

  async function chooseLocale(locale: Locale) {
    setSaved(false);
    await changeAccount({ locale });
    setLocale(locale);
    setUser((u) => (u ? { ...u, locale } : u));
    setSaved(true);
  }

  async function leave() {
    await signOut();
    window.location.assign('/sign-in');
  }

  if (user === undefined)
    return (
      <AccountFrame title={t('accountTitle')}>
        <p role="status">{t('loading')}</p>
      </AccountFrame>
    );
  if (user === null)
    return (
      <AccountFrame title={t('accountTitle')}>
        <p>
          {t('notSignedIn')} <a href="/sign-in?next=/account">{t('goSignIn')}</a>
        </p>
      </AccountFrame>
    );
  return (
    <AccountFrame title={t('accountTitle')}>
      <dl>
        <dt>{t('email')}</dt>
        <dd>{user.email}</dd>
        {user.name && (
          <>
            <dt>{t('name')}</dt>
            <dd>{user.name}</dd>
          </>
        )}
        <dt>{t('role')}</dt>
        <dd>{t(`role.${user.role}`)}</dd>
      </dl>
      <div className="account-form">
        <label htmlFor="account-locale">{t('language')}</label>
        <select id="account-locale" value={user.locale} onChange={(e) => void chooseLocale(e.target.value as Locale)}>
          <option value="ru" lang="ru">
            Русский
          </option>
          <option value="en" lang="en">
            English
          </option>
        </select>
        {saved && (
          <p className="form-ok" role="status">
            {t('saved')}
          </p>
        )}
      </div>
      {(user.role === 'teacher' || user.role === 'school-coordinator') && <MyTasks />}
      {user.role === 'teacher' && <MyDiagnostics />}
      <nav className="account-nav" aria-label={t('accountTitle')}>
        {user.role !== 'teacher' && <a href="/users">{t('manageUsers')}</a>}
        {user.role !== 'teacher' && <a href="/campaigns">{common('campaigns')}</a>}
        <button type="button" className="button-quiet" onClick={() => void leave()}>
          {t('signOut')}
        </button>
      </nav>
    </AccountFrame>
  );
}
