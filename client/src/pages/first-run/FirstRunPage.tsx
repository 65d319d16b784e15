// First start: when Mera has no administrator and the page is opened on the server itself.
import { FormEvent, useEffect, useState } from 'react';
import { createFirstAdministrator, fetchFirstRun } from '../../api/accounts';
import { useTexts } from '../../i18n';
import { AccountFrame } from '../../components/AccountFrame';
import { Field } from '../../components/Field';
import { errorText } from '../../errors/texts';
import { accountTexts } from '../account/texts';

export default function FirstRunPage() {
  const [locale, t] = useTexts(accountTexts);
  const [state, setState] = useState<{ needed: boolean; allowed: boolean }>();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();

  useEffect(() => {
    fetchFirstRun().then(setState, () => setState({ needed: false, allowed: false }));
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      await createFirstAdministrator({ email, name, password, locale });
      window.location.assign('/account');
    } catch (err) {
      setError(errorText(locale, err));
    }
  }

  return (
    <AccountFrame title={t('firstRunTitle')}>
      {!state && <p role="status">{t('loading')}</p>}
      {state && !state.needed && (
        <p>
          {t('firstRunDone')} <a href="/sign-in">{t('goSignIn')}</a>
        </p>
      )}
      {state?.needed && !state.allowed && <p className="notice">{t('firstRunNotLocal')}</p>}
      {state?.allowed && (
        <form className="account-form" onSubmit={submit} noValidate>
          <p>{t('firstRunIntro')}</p>
          <Field id="email" label={t('email')} type="email" autoComplete="username" value={email} onChange={setEmail} required />
          <Field id="name" label={t('name')} autoComplete="name" value={name} onChange={setName} />
          <Field
            id="password"
            label={t('password')}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
            required
            hint={t('passwordHint')}
            error={error}
          />
          <button type="submit">{t('create')}</button>
        </form>
      )}
    </AccountFrame>
  );
}
