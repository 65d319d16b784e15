// Sign in with e-mail and password; ask for a reset link; in demo mode, the demo accounts.
import { FormEvent, useEffect, useRef, useState } from 'react';
import { requestPasswordReset, signIn } from '../../api/accounts';
import { useTexts } from '../../i18n';
import { useSession } from '../../session';
import { AccountFrame } from '../../components/AccountFrame';
import { Field } from '../../components/Field';
import { errorText } from '../../errors/texts';
import { accountTexts } from '../account/texts';
import { DemoAccounts } from './DemoAccounts';

export default function SignInPage() {
  const [locale, t] = useTexts(accountTexts);
  const [email, setEmail] = useState(() => new URLSearchParams(window.location.search).get('email') ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [resetOpen, setResetOpen] = useState(false);
  const [resetSent, setResetSent] = useState(false);
  const { user } = useSession();
  const submitted = useRef(false);

  // Someone already signed in goes to their account; once this form signs someone in, the form says where to.
  useEffect(() => {
    if (user && !submitted.current) window.location.assign('/account');
  }, [user]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    submitted.current = true;
    try {
      await signIn(email, password);
      // Only a path on this site: never an open redirect.
      const next = new URLSearchParams(window.location.search).get('next');
      window.location.assign(next && /^\/(?!\/)/.test(next) ? next : '/account');
    } catch (err) {
      setError(errorText(locale, err));
      setBusy(false);
    }
  }

  async function reset(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      await requestPasswordReset(email);
      setResetSent(true);
    } catch (err) {
      setError(errorText(locale, err));
    }
  }

  return (
    <AccountFrame title={resetOpen ? t('resetTitle') : t('signInTitle')}>
      {!resetOpen ? (
        <form className="account-form" onSubmit={submit} noValidate>
          <Field id="email" label={t('email')} type="email" autoComplete="username" value={email} onChange={setEmail} required />
          <Field
            id="password"
            label={t('password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            required
            error={error}
          />
          <button type="submit" disabled={busy}>
            {busy ? t('signingIn') : t('signIn')}
          </button>{' '}
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              setResetOpen(true);
              setError(undefined);
            }}
          >
            {t('forgot')}
          </button>
        </form>
      ) : (
        <form className="account-form" onSubmit={reset} noValidate>
          <p>{t('resetIntro')}</p>
          <Field
            id="reset-email"
            label={t('email')}
            type="email"
            autoComplete="username"
            value={email}
            onChange={setEmail}
            required
            error={error}
          />
          {resetSent ? (
            <p className="form-ok" role="status">
              {t('resetSent')}
            </p>
          ) : (
            <button type="submit">{t('resetSend')}</button>
          )}
        </form>
      )}
      <DemoAccounts
        onPick={(demoEmail, demoPassword) => {
          setEmail(demoEmail);
          setPassword(demoPassword);
          setResetOpen(false);
        }}
      />
    </AccountFrame>
  );
}
