// The teacher's profile: a bar chart of every area's score per diagnostic (chart.js; a canvas is
// invisible to screen readers, so it has a label and the table beside it says the same), the
// latest levels deficits first with the recommended seminar, the PDF and the sharing choice.
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { useState } from 'react';
import { Bar } from 'react-chartjs-2';
import { ProfileEntry, profilePdfUrl, setSharing } from '../../api/diagnostics';
import { pick, useTexts } from '../../i18n';
import { diagnosticTexts } from './texts';

ChartJS.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const seriesColours = ['#9aa5b1', '#1f5fae', '#3f8f4a', '#8a5d00'];

/** `shared` undefined: someone else's profile, read only (no PDF, no sharing choice). */
export function ProfileView({ history, shared }: { history: ProfileEntry[]; shared?: boolean }) {
  const [locale, t] = useTexts(diagnosticTexts);
  const [share, setShare] = useState(shared === true);
  const latest = history[history.length - 1];
  if (!latest?.scoring || !latest.scores) return <p>{t('noHistory')}</p>;
  const scoring = latest.scoring;
  const scores = latest.scores.areas;
  const areas = [...scoring.areas].sort((a, b) => (scores[a.id]?.score ?? 101) - (scores[b.id]?.score ?? 101));
  const shown = history.slice(-4);

  const data = {
    labels: areas.map((a) => pick(a.title, locale)),
    datasets: shown.map((entry, i) => ({
      label: `${pick(entry.title, locale)} (${entry.submittedOn})`,
      data: areas.map((a) => entry.scores?.areas[a.id]?.score ?? 0),
      backgroundColor: seriesColours[(i + (4 - shown.length)) % 4],
    })),
  };

  return (
    <section className="profile" aria-labelledby="my-profile-title">
      <h2 id="my-profile-title">{t('resultsTitle')}</h2>
      <p>{t('profileIntro')}</p>
      <div style={{ position: 'relative', height: `${80 + areas.length * 44}px`, background: '#fff' }}>
        <Bar
          role="img"
          aria-label={t('chartLabel')}
          data={data}
          options={{ indexAxis: 'y', maintainAspectRatio: false, animation: false, scales: { x: { min: 0, max: 100 } }, plugins: { legend: { position: 'bottom' } } }}
        />
      </div>
      <table className="users-table" style={{ marginTop: 12 }}>
        <thead>
          <tr>
            <th scope="col">{t('area')}</th>
            <th scope="col">{t('level')}</th>
            {shown.map((e) => <th scope="col" key={e.campaignId}>{pick(e.title, locale)}</th>)}
          </tr>
        </thead>
        <tbody>
          {areas.map((area) => {
            const s = scores[area.id];
            const index = scoring.levels.findIndex((l) => l.id === s?.level);
            return (
              <tr key={area.id} data-area={area.id}>
                <th scope="row" style={{ fontWeight: 400 }}>
                  {pick(area.title, locale)}
                  {index >= 0 && index < 2 && area.recommendation && <p className="profile-recommendation"><strong>{t('recommended')}:</strong> {pick(area.recommendation, locale)}</p>}
                </th>
                <td className="profile-level">{index >= 0 ? pick(scoring.levels[index].title, locale) : t('notEnough')}</td>
                {shown.map((e) => <td key={e.campaignId}>{e.scores?.areas[area.id]?.score ?? '—'}{e.scores?.areas[area.id]?.score != null ? '%' : ''}</td>)}
              </tr>
            );
          })}
        </tbody>
      </table>
      {shared !== undefined && (<>
      <p><a className="button" href={profilePdfUrl} download style={{ display: 'inline-flex', alignItems: 'center', textDecoration: 'none' }}>{t('pdf')}</a></p>
      <div className="account-form">
        <label className="check">
          <input type="checkbox" checked={share} aria-describedby="share-hint" onChange={(e) => { const next = e.target.checked; setShare(next); void setSharing(next).catch(() => setShare(!next)); }} />
          {t('share')}
        </label>
        <p className="hint" id="share-hint">{t('shareHint')}</p>
      </div>
      </>)}
    </section>
  );
}
