// The start page. Until accounts arrive it shows the demo cluster: its schools and the open
// surveys with a link per school, so a newcomer can answer one as a parent would.
import { useEffect, useState } from 'react';
import { DemoView, fetchDemo } from '../../api/demo';
import { Header } from '../../components/Header';
import { pick, useLocale } from '../../i18n';
import { StartPageAccounts } from '../sign-in/StartPageAccounts';
import { dayText } from '../../dates';

export default function HomePage() {
  const [locale, t] = useLocale();
  const [demo, setDemo] = useState<DemoView | null | 'failed'>(null);
  useEffect(() => {
    fetchDemo().then(setDemo, () => setDemo('failed'));
  }, []);
  // The tab's title in the page's language, like every other page's ("… — Мера" / "… — Mera").
  useEffect(() => {
    document.title = `${t('homeTitle')} — ${t('appName')}`;
  });

  const status = (s: string) => (s === 'open' ? t('open') : s === 'closed' ? t('closedStatus') : t('planned'));
  return (
    <>
      <Header />
      <main id="main" className="home-page">
        <h1>{t('appName')}</h1>
        <p className="lead">{t('tagline')}</p>
        <StartPageAccounts />
        {demo === null && <p role="status">{t('loading')}</p>}
        {demo === 'failed' && <p role="alert">{t('loadFailed')}</p>}
        {demo && demo !== 'failed' && demo.campaigns.length === 0 && <p>{t('noDemo')}</p>}
        {demo && demo !== 'failed' && demo.campaigns.length > 0 && (
          <>
            <h2>{t('demoTitle')}</h2>
            <p>{t('demoIntro')}</p>
            <h3>{t('campaigns')}</h3>
            {demo.campaigns.map((c) => (
              <section key={c.id} className="campaign-card" aria-label={pick(c.title, locale)}>
                <h4>
                  {pick(c.title, locale)} <span className={`status status-${c.status}`}>{status(c.status)}</span>
                </h4>
                <p className="muted">
                  {dayText(c.opensOn, locale)} — {dayText(c.closesOn, locale)}
                </p>
                <ul className="link-list">
                  {c.links.map((l) => {
                    const school = demo.schools.find((s) => s.id === l.schoolId);
                    return (
                      <li key={l.path}>
                        <a href={l.path} data-instrument={c.instrumentId} data-school={school?.number}>
                          {school ? pick(school.shortName, locale) : l.schoolId}
                        </a>
                      </li>
                    );
                  })}
                </ul>
              </section>
            ))}
            <h3>{t('schools')}</h3>
            <ul className="school-list">
              {demo.schools.map((s) => (
                <li key={s.id}>{pick(s.name, locale)}</li>
              ))}
            </ul>
          </>
        )}
      </main>
    </>
  );
}
