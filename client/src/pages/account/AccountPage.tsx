// The signed-in person's page: who they are, their language, sign-out, links to what their
// role manages. Later features (the teacher's diagnostics, campaigns, results) hang here.
import { useState } from 'react';
import { changeAccount, signOut } from '../../api/accounts';
import { SignInPrompt } from '../../components/SignInPrompt';
import { Locale, setLocale, useTexts } from '../../i18n';
import { useSession } from '../../session';
import { MyDiagnostics } from '../diagnostic/MyDiagnostics';
import { AccountFrame } from '../../components/AccountFrame';
import { MyTasks } from './MyTasks';
import { accountTexts } from './texts';

export default function AccountPage() {
  const [, t] = useTexts(accountTexts);
  const { user } = useSession();
  // The language chosen here (saved on the account); the session's says what it was when the page opened.
  const [chosenLocale, setChosenLocale] = useState<Locale>();
  const [saved, setSaved] = useState(false);

  async function chooseLocale(locale: Locale) {
    setSaved(false);
    await changeAccount({ locale });
    setLocale(locale);
    setChosenLocale(locale);
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
        <SignInPrompt text={t('notSignedIn')} link={t('goSignIn')} href="/sign-in?next=/account" />
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
        <select id="account-locale" value={chosenLocale ?? user.locale} onChange={(e) => void chooseLocale(e.target.value as Locale)}>
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
        <button type="button" className="button-quiet" onClick={() => void leave()}>
          {t('signOut')}
        </button>
      </nav>
    </AccountFrame>
  );
}
