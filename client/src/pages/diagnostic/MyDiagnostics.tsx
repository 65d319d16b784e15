// On a teacher's account page: the open diagnostics of their school and a link to the profile.
import { useEffect, useState } from 'react';
import { fetchMyDiagnostics, MyDiagnostic } from '../../api/diagnostics';
import { pick, useTexts } from '../../i18n';
import { diagnosticTexts } from './texts';
import { dayText } from '../../dates';

export function MyDiagnostics() {
  const [locale, t] = useTexts(diagnosticTexts);
  const [list, setList] = useState<MyDiagnostic[]>();
  useEffect(() => {
    fetchMyDiagnostics().then(
      (r) => setList(r.diagnostics),
      () => setList([]),
    );
  }, []);
  return (
    <section aria-labelledby="my-diagnostics-title">
      <h2 id="my-diagnostics-title">{t('myDiagnostics')}</h2>
      {!list && <p role="status">{t('loading')}</p>}
      {list?.length === 0 && <p>{t('none')}</p>}
      <ul className="link-list">
        {list?.map((d) => (
          <li key={d.campaignId}>
            <a href={`/diagnostic?campaign=${encodeURIComponent(d.campaignId)}`}>
              {pick(d.title, locale)} — {d.status === 'submitted' ? t('done') : d.status === 'draft' ? t('resume') : t('take')} (
              {t('until')} {dayText(d.closesOn, locale)})
            </a>
          </li>
        ))}
      </ul>
      <p>
        <a href="/diagnostic">{t('profileTitle')}</a>
      </p>
    </section>
  );
}
