// Demo mode: the seeded account of each role and the shared demo password. Shown on the sign-in
// page and on the start page; renders nothing when Mera is not in demo mode.
import { useEffect, useState } from 'react';
import { fetchDemoAccounts, Role } from '../../api/accounts';
import { useTexts } from '../../i18n';
import { accountTexts } from '../account/texts';
import '../../components/account-frame.css';

export function DemoAccounts({ onPick }: { onPick?: (email: string, password: string) => void }) {
  const [, t] = useTexts(accountTexts);
  const [demo, setDemo] = useState<{ password?: string; accounts: { email: string; name: string; role: Role }[] }>();
  useEffect(() => {
    fetchDemoAccounts().then(setDemo, () => undefined);
  }, []);
  if (!demo?.password || demo.accounts.length === 0) return null;
  return (
    <section className="demo-accounts" aria-labelledby="demo-accounts-title">
      <h2 id="demo-accounts-title">{t('demoTitle')}</h2>
      <p>
        {t('demoIntro')} <code>{demo.password}</code>
      </p>
      <ul>
        {demo.accounts.map((a) => (
          <li key={a.email}>
            {t(`role.${a.role}`)}:{' '}
            {onPick ? (
              <button type="button" className="button-quiet" onClick={() => onPick(a.email, demo.password!)}>
                {a.email}
              </button>
            ) : (
              <a href={`/sign-in?email=${encodeURIComponent(a.email)}`}>{a.email}</a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
