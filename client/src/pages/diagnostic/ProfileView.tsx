// The teacher's profile: for the latest diagnostic the self-rating and the knowledge result of each
// area side by side (chart.js; a canvas is invisible to screen readers, so each chart has a label
// and the table says the same), the combined score of every diagnostic so change over time shows,
// the latest levels deficits first with the recommended seminar, the PDF and the sharing choice.
// Results of edition 1 have no knowledge split: the page says so and shows the combined score.
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { useState } from 'react';
import { Bar } from 'react-chartjs-2';
import { DiagnosticAreaScore, ProfileEntry, profilePdfUrl, setSharing } from '../../api/diagnostics';
import { pick, useTexts } from '../../i18n';
import { diagnosticTexts } from './texts';

ChartJS.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const seriesColours = ['#9aa5b1', '#1f5fae', '#3f8f4a', '#8a5d00'];
const partColours = { selfRating: '#1f5fae', knowledge: '#8a5d00' };
const percent = (score: number | null | undefined) => (score == null ? '—' : `${score}%`);

/** `shared` undefined: someone else's profile, read only (no PDF, no sharing choice). */
/** The words of a text on lines of at most `width` characters (a longer word keeps its own line). */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

export function ProfileView({ history, shared }: { history: ProfileEntry[]; shared?: boolean }) {
  const [locale, t] = useTexts(diagnosticTexts);
  const [share, setShare] = useState(shared === true);
  const latest = history[history.length - 1];
  if (!latest?.scoring || !latest.scores) return <p>{t('noHistory')}</p>;
  const scoring = latest.scoring;
  const scores: Record<string, DiagnosticAreaScore> = latest.scores.areas;
  const areas = [...scoring.areas].sort((a, b) => (scores[a.id]?.score ?? 101) - (scores[b.id]?.score ?? 101));
  const shown = history.slice(-4);
  const split = areas.some((a) => scores[a.id]?.knowledge);
  const hasSplit = (e: ProfileEntry) => Object.values(e.scores?.areas ?? {}).some((a: DiagnosticAreaScore) => a.knowledge);
  const earlierUnsplit = split ? shown.filter((e) => e.scores && !hasSplit(e)) : [];
  // Long area titles wrap onto lines of their own, so a phone shows them whole beside the bars.
  const labels = areas.map((a) => wrapWords(pick(a.title, locale), 26));
  const chartHeight = (bars: number) => `${80 + labels.reduce((sum, lines) => sum + Math.max(18 + bars * 14, lines.length * 15 + 8), 0)}px`;
  const barOptions = {
    indexAxis: 'y' as const,
    maintainAspectRatio: false,
    animation: false as const,
    scales: { x: { min: 0, max: 100 }, y: { ticks: { autoSkip: false } } },
    plugins: { legend: { position: 'bottom' as const } },
  };

  const partsData = {
    labels,
    datasets: [
      { label: t('selfRating'), data: areas.map((a) => scores[a.id]?.selfRating?.score ?? 0), backgroundColor: partColours.selfRating },
      { label: t('knowledge'), data: areas.map((a) => scores[a.id]?.knowledge?.score ?? 0), backgroundColor: partColours.knowledge },
    ],
  };
  const historyData = {
    labels,
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
      {split ? (
        <>
          <h3>{t('partsTitle')}</h3>
          <p className="hint">{t('partsHint')}</p>
          <div style={{ position: 'relative', height: chartHeight(2), background: '#fff' }}>
            <Bar role="img" aria-label={t('partsChartLabel')} data={partsData} options={barOptions} />
          </div>
        </>
      ) : (
        <p className="notice" data-testid="no-knowledge-split">
          {t('noSplit')}
        </p>
      )}
      <h3>{t('historyTitle')}</h3>
      <div style={{ position: 'relative', height: chartHeight(shown.length), background: '#fff' }}>
        <Bar role="img" aria-label={t('chartLabel')} data={historyData} options={barOptions} />
      </div>
      <div className="table-scroll" role="region" aria-label={t('tableLabel')} tabIndex={0} style={{ overflowX: 'auto', marginTop: 12 }}>
        <table className="users-table">
          <thead>
            <tr>
              <th scope="col">{t('area')}</th>
              <th scope="col">{t('level')}</th>
              {split && <th scope="col">{t('selfRating')}</th>}
              {split && <th scope="col">{t('knowledge')}</th>}
              {shown.map((e) => (
                <th scope="col" key={e.campaignId}>
                  {pick(e.title, locale)}
                </th>
              ))}
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
                    {index >= 0 && index < 2 && area.recommendation && (
                      <p className="profile-recommendation">
                        <strong>{t('recommended')}:</strong> {pick(area.recommendation, locale)}
                      </p>
                    )}
                  </th>
                  <td className="profile-level">{index >= 0 ? pick(scoring.levels[index].title, locale) : t('notEnough')}</td>
                  {split && <td className="profile-self-rating">{percent(s?.selfRating?.score)}</td>}
                  {split && <td className="profile-knowledge">{percent(s?.knowledge?.score)}</td>}
                  {shown.map((e) => (
                    <td key={e.campaignId}>{percent(e.scores?.areas[area.id]?.score)}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {earlierUnsplit.length > 0 && (
        <p className="hint" data-testid="earlier-no-knowledge-split">
          {t('earlierNoSplit')} {earlierUnsplit.map((e) => pick(e.title, locale)).join('; ')}.
        </p>
      )}
      {shared !== undefined && (
        <>
          <p>
            <a
              className="button"
              href={profilePdfUrl}
              download
              style={{ display: 'inline-flex', alignItems: 'center', textDecoration: 'none' }}
            >
              {t('pdf')}
            </a>
          </p>
          <div className="account-form">
            <label className="check">
              <input
                type="checkbox"
                checked={share}
                aria-describedby="share-hint"
                onChange={(e) => {
                  const next = e.target.checked;
                  setShare(next);
                  void setSharing(next).catch(() => setShare(!next));
                }}
              />
              {t('share')}
            </label>
            <p className="hint" id="share-hint">
              {t('shareHint')}
            </p>
          </div>
        </>
      )}
    </section>
  );
}
