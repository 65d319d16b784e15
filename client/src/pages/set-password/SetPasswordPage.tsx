// Setting a password from an invitation or reset link (/set-password#<token>): the token stays in
// the fragment, so it never reaches a server log. On success the person is signed in.
import { FormEvent, useEffect, useState } from 'react';
import { fetchAccountToken, setPasswordWithToken } from '../../api/accounts';
import { setLocale, useTexts } from '../../i18n';
import { AccountFrame } from '../../components/AccountFrame';
import { Field } from '../../components/Field';
import { errorText } from '../../errors/texts';
import { accountTexts } from '../account/texts';

export default function SetPasswordPage() {
  const [locale, t] = useTexts(accountTexts);
  const token = window.location.hash.slice(1);
  const [info, setInfo] = useState<{ email: string } | { error: unknown }>();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetchAccountToken(token).then(
      (found) => {
        setLocale(found.locale);
        setInfo({ email: found.email });
      },
      (err) => setInfo({ error: err }),
    );
  }, [token]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== repeat) return setError(t('mismatch'));
    setBusy(true);
    setError(undefined);
    try {
      await setPasswordWithToken(token, password);
      window.location.assign('/account');
    } catch (err) {
      setError(errorText(locale, err));
      setBusy(false);
    }
  }

  return (
    <AccountFrame title={t('setPasswordTitle')}>
      {!info && <p role="status">{t('loading')}</p>}
      {info && 'error' in info && (
        <div className="notice notice-error" role="alert">
          <p>{errorText(locale, info.error)}</p>
          <p>
            <a href="/sign-in">{t('goSignIn')}</a>
          </p>
        </div>
      )}
      {info && 'email' in info && (
        <form className="account-form" onSubmit={submit} noValidate>
          <p>
            {t('setPasswordIntro')}: <strong>{info.email}</strong>
          </p>
          <input type="hidden" name="username" autoComplete="username" value={info.email} readOnly />
          <Field
            id="new-password"
            label={t('newPassword')}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
            required
            hint={t('passwordHint')}
          />
          <Field
            id="repeat-password"
            label={t('repeatPassword')}
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={setRepeat}
            required
            error={error}
          />
          <button type="submit" disabled={busy}>
            {busy ? t('saving') : t('save')}
          </button>
        </form>
      )}
    </AccountFrame>
  );
}
