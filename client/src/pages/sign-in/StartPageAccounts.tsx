// The start page's account corner: sign in (or go to one's account), the first-run page while
// Mera has no administrator and this is the server itself, and the demo accounts in demo mode.
import { useEffect, useState } from 'react';
import { fetchFirstRun } from '../../api/accounts';
import { useTexts } from '../../i18n';
import { useSession } from '../../session';
import { accountTexts } from '../account/texts';
import { DemoAccounts } from './DemoAccounts';

export function StartPageAccounts() {
  const [, t] = useTexts(accountTexts);
  const { user } = useSession();
  const signedIn = user === undefined ? undefined : user !== null;
  const [firstRun, setFirstRun] = useState(false);
  useEffect(() => {
    fetchFirstRun().then(
      (f) => setFirstRun(f.allowed),
      () => undefined,
    );
  }, []);
  return (
    <>
      <nav className="account-nav" aria-label={t('accountTitle')}>
        {signedIn === true && <a href="/account">{t('accountTitle')}</a>}
        {signedIn === false && <a href="/sign-in">{t('signIn')}</a>}
        {firstRun && <a href="/first-run">{t('firstRunTitle')}</a>}
      </nav>
      {signedIn === false && <DemoAccounts />}
    </>
  );
}
