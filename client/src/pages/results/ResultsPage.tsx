// The results page (/results): pick a campaign, then its traffic-light table of indicators, bars
// per school against the target line (chart.js, with the same numbers in a table beside), the
// teacher deficits heat map and the seminar plan, and the indicator table's exports. Its own
// chunk: chart.js is loaded only here. Suppressed values arrive withheld from the server and are
// shown as "too few answers".
import { BarController, BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { Fragment, useEffect, useState, type ReactNode } from 'react';
import { Chart } from 'react-chartjs-2';
import { fetchSession } from '../../api/accounts';
import { ApiError } from '../../api/http';
import { CampaignResults, DeficitResults, fetchCampaignResults, fetchResultCampaigns, IndicatorResult, indicatorExportUrl, ResultCampaign, ResultValue, Target } from '../../api/results';
import { Locale, pick, useTexts } from '../../i18n';
import { AccountFrame } from '../account/common';
import { resultsTexts } from './texts';
import { ReportDownloads } from './ReportDownloads';
import './results.css';

ChartJS.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

type T = (key: keyof (typeof resultsTexts)['ru']) => string;
const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
const number = (v: number, locale: Locale) => v.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 1 });
const targetText = (t: Target | null, locale: Locale) => (t ? `${t.op === '>' ? '>' : '≥'} ${number(t.value, locale)}` : '');
const isShare = (i: IndicatorResult) => i.kind !== 'number' && i.kind !== 'mean' && i.kind !== 'count';
const unit = (i: IndicatorResult) => (isShare(i) ? ' %' : '');

/** A box a wide table scrolls in on narrow screens: focusable (keyboard scrolling) and named. */
function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return <div className="results-scroll" role="region" aria-label={label} tabIndex={0}>{children}</div>;
}

function Value({ v, i, locale, t }: { v: ResultValue; i: IndicatorResult; locale: Locale; t: T }) {
  if (v.suppressed) return <span className="too-few">{t('tooFew')}</span>;
  return <>{v.value === null ? '—' : `${number(v.value, locale)}${unit(i)}`}</>;
}

function Met({ v, t }: { v: ResultValue; t: T }) {
  if (v.suppressed || v.met === null) return <span className="too-few">{v.suppressed ? t('tooFew') : t('noTarget')}</span>;
  // Not by colour alone: a sign and a word.
  return v.met ? <span className="met-yes"><span aria-hidden="true">✔ </span>{t('yes')}</span> : <span className="met-no"><span aria-hidden="true">✘ </span>{t('no')}</span>;
}

function Change({ v, locale }: { v: ResultValue; locale: Locale }) {
  if (v.suppressed || v.change === null) return <>—</>;
  return <>{v.change > 0 ? '+' : v.change < 0 ? '−' : '±'}{number(Math.abs(v.change), locale)}</>;
}

export default function ResultsPage() {
  const [locale, t] = useTexts(resultsTexts);
  const [state, setState] = useState<'loading' | 'signed-out' | 'ready' | { failed: string }>('loading');
  const [campaigns, setCampaigns] = useState<ResultCampaign[]>([]);
  const [campaignId, setCampaignId] = useState<string>(() => new URLSearchParams(window.location.search).get('campaign') ?? '');
  const [results, setResults] = useState<CampaignResults>();
  // The server's messages are English; the page says what happened in its own language.
  // The reason is kept as a key, so switching the language re-says it.
  const failed = (err: unknown) =>
    setState({ failed: err instanceof ApiError ? (err.status === 403 ? 'forbidden' : err.status === 0 ? 'network' : err.status === 404 ? 'notFound' : `serverError:${err.code}`) : `serverError:${String(err)}` });
  const reason = (failure: string) => (failure.startsWith('serverError:') ? `${t('serverError')} (${failure.slice('serverError:'.length)})` : t(failure as 'forbidden' | 'network' | 'notFound'));

  useEffect(() => {
    fetchSession()
      .then(async (s) => {
        if (!s.user) return setState('signed-out');
        const list = (await fetchResultCampaigns()).campaigns;
        setCampaigns(list);
        setCampaignId((current) => (list.some((c) => c.id === current) ? current : list[0]?.id ?? ''));
        setState('ready');
      })
      .catch(failed);
  }, []);

  useEffect(() => {
    if (!campaignId) return;
    setResults(undefined);
    const url = new URL(window.location.href);
    url.searchParams.set('campaign', campaignId);
    window.history.replaceState(null, '', url);
    fetchCampaignResults(campaignId).then(setResults, failed);
  }, [campaignId]);

  if (state === 'loading') return <AccountFrame title={t('title')}><p role="status">{t('loading')}</p></AccountFrame>;
  if (state === 'signed-out') return <AccountFrame title={t('title')}><p>{t('signIn')} <a href="/sign-in">{t('signInLink')}</a></p></AccountFrame>;
  if (typeof state === 'object') return <AccountFrame title={t('title')}><p className="form-error" role="alert">{t('failed')} {reason(state.failed)}</p></AccountFrame>;

  const schoolName = (id: string) => {
    const s = results?.schools.find((x) => x.id === id);
    return s?.name ? pick(s.name, locale) : s?.number ?? id;
  };

  return (
    <AccountFrame title={t('title')}>
      <div className="results-page">
        {campaigns.length === 0 ? <p>{t('noCampaigns')}</p> : (
          <div className="results-controls">
            <div>
              <label htmlFor="results-campaign">{t('campaign')}</label>
              <select id="results-campaign" value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
                {campaigns.map((c) => <option key={c.id} value={c.id}>{pick(c.title, locale)}</option>)}
              </select>
            </div>
          </div>
        )}
        {campaignId && !results && <p role="status">{t('loading')}</p>}
        {results && (
          <>
            <h2>{pick(results.campaign.title, locale)}</h2>
            <p>
              {t('schoolsTaking')}: {results.schools.length}. {t('respondents')}: {results.respondents}.
              {results.previousCampaign && <> {t('previous')} «{pick(results.previousCampaign.title, locale)}».</>}
            </p>
            {results.minGroupSize !== null && <p className="results-note">{fill(t('minGroup'), { n: results.minGroupSize })}</p>}
            <IndicatorTable results={results} locale={locale} t={t} schoolName={schoolName} />
            {results.indicators.length > 0 && <SchoolBars results={results} locale={locale} t={t} schoolName={schoolName} />}
            {results.deficits && <Deficits deficits={results.deficits} schoolIds={results.schools.map((s) => s.id)} locale={locale} t={t} schoolName={schoolName} />}
            <ReportDownloads results={results} />
          </>
        )}
      </div>
    </AccountFrame>
  );
}

function IndicatorTable({ results, locale, t, schoolName }: { results: CampaignResults; locale: Locale; t: T; schoolName: (id: string) => string }) {
  if (results.indicators.length === 0) return results.deficits ? null : <p>{t('noIndicators')}</p>;
  return (
    <section aria-labelledby="indicators-title">
      <h3 id="indicators-title">{t('indicatorsTitle')}</h3>
      <ScrollBox label={t('indicatorsCaption')}>
        <table className="results-table" id="indicator-table">
          <caption>{t('indicatorsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('indicator')}</th>
              <th scope="col">{t('value')}</th>
              <th scope="col">{t('target')}</th>
              <th scope="col">{t('met')}</th>
              <th scope="col">n</th>
              <th scope="col">{t('change')}</th>
            </tr>
          </thead>
          <tbody>
            {results.indicators.map((i) => (
              <tr key={i.id} data-indicator={i.id}>
                <th scope="row">
                  {pick(i.title, locale)}
                  {i.cluster.schoolsNeeded !== undefined && <p className="results-note">{fill(t('schoolsNeeded'), { k: i.cluster.schoolsNeeded, n: results.schools.length })}</p>}
                  {i.cluster.missing && i.cluster.missing.length > 0 && <p className="results-note">{fill(t('missing'), { list: i.cluster.missing.map(schoolName).join(', ') })}</p>}
                </th>
                <td className="num">
                  <Value v={i.cluster} i={i} locale={locale} t={t} />
                  {i.cluster.yesOrPartly != null && !i.cluster.suppressed && <p className="results-note">{t('yesOrPartly')}: {number(i.cluster.yesOrPartly, locale)} %</p>}
                </td>
                <td className="num">{targetText(i.cluster.target, locale) || '—'}</td>
                <td><Met v={i.cluster} t={t} /></td>
                <td className="num">{i.cluster.n}</td>
                <td className="num"><Change v={i.cluster} locale={locale} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <p className="results-downloads">
        {t('download')} <a href={indicatorExportUrl(results.campaign.id, 'csv')} download>CSV</a> <a href={indicatorExportUrl(results.campaign.id, 'xlsx')} download>XLSX (Excel)</a>
      </p>
    </section>
  );
}

function SchoolBars({ results, locale, t, schoolName }: { results: CampaignResults; locale: Locale; t: T; schoolName: (id: string) => string }) {
  const [indicatorId, setIndicatorId] = useState(results.indicators[0].id);
  const indicator = results.indicators.find((i) => i.id === indicatorId) ?? results.indicators[0];
  const title = pick(indicator.title, locale);
  const target = indicator.cluster.target;
  const labels = indicator.schools.map((s) => schoolName(s.schoolId));
  const data = {
    labels,
    datasets: [
      { type: 'bar' as const, label: title, data: indicator.schools.map((s) => (s.value.suppressed ? null : s.value.value)), backgroundColor: '#1f5fae', order: 2 },
      ...(target ? [{ type: 'line' as const, label: `${t('targetLine')} ${targetText(target, locale)}`, data: labels.map(() => target.value), borderColor: '#b3261e', backgroundColor: '#b3261e', borderDash: [6, 4], pointRadius: 0, order: 1 }] : []),
    ],
  };
  return (
    <section aria-labelledby="bars-title">
      <h3 id="bars-title">{t('chartTitle')}</h3>
      <div className="results-controls">
        <div>
          <label htmlFor="results-indicator">{t('chartIndicator')}</label>
          <select id="results-indicator" value={indicator.id} onChange={(e) => setIndicatorId(e.target.value)}>
            {results.indicators.map((i) => <option key={i.id} value={i.id}>{pick(i.title, locale)}</option>)}
          </select>
        </div>
      </div>
      <div className="results-chart-pair">
        <div className="results-chart">
          <Chart
            type="bar"
            role="img"
            aria-label={fill(t('chartLabel'), { title, target: targetText(target, locale) || '—' })}
            data={data}
            options={{ maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, ...(isShare(indicator) ? { max: 100 } : {}) } }, plugins: { legend: { position: 'bottom' } } }}
          />
        </div>
        <ScrollBox label={`${t('chartCaption')}: ${title}`}>
          <table className="results-table" id="school-table">
            <caption>{t('chartCaption')}: {title}</caption>
            <thead>
              <tr><th scope="col">{t('school')}</th><th scope="col">{t('value')}</th><th scope="col">{t('met')}</th><th scope="col">n</th></tr>
            </thead>
            <tbody>
              {indicator.schools.map((s) => (
                <tr key={s.schoolId}>
                  <th scope="row">{schoolName(s.schoolId)}</th>
                  {indicator.kind === 'share-of-schools' && s.value.answer === null ? (
                    // A school without a checklist counts as not meeting it, and says why.
                    <><td className="num"><span className="too-few">{t('noAnswer')}</span></td><td><Met v={s.value} t={t} /></td></>
                  ) : (
                    <><td className="num"><Value v={s.value} i={indicator} locale={locale} t={t} /></td><td><Met v={s.value} t={t} /></td></>
                  )}
                  <td className="num">{s.value.n}</td>
                </tr>
              ))}
              <tr>
                <th scope="row"><strong>{t('cluster')}</strong></th>
                <td className="num"><Value v={indicator.cluster} i={indicator} locale={locale} t={t} /></td>
                <td><Met v={indicator.cluster} t={t} /></td>
                <td className="num">{indicator.cluster.n}</td>
              </tr>
            </tbody>
          </table>
        </ScrollBox>
      </div>
    </section>
  );
}

/** A light-to-mid blue by share, dark text stays above 4.5:1 on every shade. */
const heat = (share: number | null) => (share === null ? '#ffffff' : `rgba(31, 95, 174, ${(0.05 + (share / 100) * 0.45).toFixed(2)})`);

function Deficits({ deficits, schoolIds, locale, t, schoolName }: { deficits: DeficitResults; schoolIds: string[]; locale: Locale; t: T; schoolName: (id: string) => string }) {
  const [levelId, setLevelId] = useState(deficits.levels[0]?.id ?? '');
  const level = deficits.levels.find((l) => l.id === levelId) ?? deficits.levels[0];
  const cell = (shares: { suppressed: boolean; levels: Record<string, { count: number; share: number } | null> }) => {
    const share = shares.suppressed ? null : shares.levels[level.id]?.share ?? null;
    return (
      <td className="num heat-cell" style={{ background: heat(share) }}>
        {shares.suppressed ? <span className="too-few">{t('tooFew')}</span> : share === null ? '—' : `${number(share, locale)} %`}
      </td>
    );
  };
  return (
    <>
      <section aria-labelledby="heat-title">
        <h3 id="heat-title">{t('heatTitle')}</h3>
        <div className="results-controls">
          <div>
            <label htmlFor="results-level">{t('heatLevel')}</label>
            <select id="results-level" value={level.id} onChange={(e) => setLevelId(e.target.value)}>
              {deficits.levels.map((l) => <option key={l.id} value={l.id}>{pick(l.title, locale)}</option>)}
            </select>
          </div>
        </div>
        <ScrollBox label={fill(t('heatCaption'), { level: pick(level.title, locale) })}>
          <table className="results-table" id="heat-map">
            <caption>{fill(t('heatCaption'), { level: pick(level.title, locale) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('area')}</th>
                <th scope="col">{t('cluster')}</th>
                {schoolIds.map((id) => <th scope="col" key={id}>{schoolName(id)}</th>)}
                <th scope="col">{t('canTeach')}</th>
                <th scope="col">{t('alpha')}</th>
              </tr>
            </thead>
            <tbody>
              {deficits.areas.map((a) => (
                <tr key={a.area}>
                  <th scope="row">{pick(a.title, locale)}</th>
                  {cell(a.cluster)}
                  {schoolIds.map((id) => {
                    const s = a.schools.find((x) => x.schoolId === id);
                    return s ? <Fragment key={id}>{cell(s)}</Fragment> : <td key={id}>—</td>;
                  })}
                  <td className="num">{a.canTeachOthers ?? <span className="too-few">{t('tooFew')}</span>}</td>
                  <td className="num">{a.alpha.value === null ? '—' : number(a.alpha.value, locale)} ({a.alpha.n})</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </section>
      <section aria-labelledby="plan-title">
        <h3 id="plan-title">{t('planTitle')}</h3>
        <p>{t('planIntro')}</p>
        <ScrollBox label={t('planCaption')}>
          <table className="results-table" id="seminar-plan">
            <caption>{t('planCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rank')}</th>
                <th scope="col">{t('area')}</th>
                <th scope="col">{t('inDeficit')}</th>
                {schoolIds.map((id) => <th scope="col" key={id}>{schoolName(id)}</th>)}
              </tr>
            </thead>
            <tbody>
              {deficits.seminarPlan.map((p, index) => (
                <tr key={p.area}>
                  <td className="num">{index + 1}</td>
                  <th scope="row">{pick(p.title, locale)}</th>
                  <td className="num">{p.teachersInDeficit ?? <span className="too-few">{t('tooFew')}</span>}</td>
                  {schoolIds.map((id) => {
                    const s = p.perSchool.find((x) => x.schoolId === id);
                    return <td className="num" key={id}>{s ? s.teachersInDeficit ?? <span className="too-few">{t('tooFew')}</span> : '—'}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </section>
    </>
  );
}
