// One campaign's results: who answered, then its sections (the indicator table, the chart per school
// and the trend of the indicator chosen here, the teacher deficits).
import { useState } from 'react';
import type { CampaignResults, ResultFilters } from '../../api/results';
import { pick, type Locale } from '../../i18n';
import { Deficits } from './Deficits';
import { fill, quoted, type T } from './format';
import { MinGroupSize } from './tables';
import { IndicatorTable } from './IndicatorTable';
import { PooledScores } from './PooledScores';
import { DiagnosticChangeTable } from './DiagnosticChangeTable';
import { SchoolBars } from './SchoolBars';
import { Trend } from './Trend';

/** The link from a result to its campaign's page (item 1 of issue 26). */
const campaignLinkText = { ru: 'Страница кампании', en: "The campaign's page" };

/** One campaign's results, for the cluster or for one school beside the cluster. */
export function CampaignResultsView({
  results,
  locale,
  t,
  schoolName,
  request,
}: {
  results: CampaignResults;
  locale: Locale;
  t: T;
  schoolName: (id: string) => string;
  request: ResultFilters;
}) {
  const [indicatorId, setIndicatorId] = useState(results.indicators[0]?.id ?? '');
  const indicator = results.indicators.find((i) => i.id === indicatorId) ?? results.indicators[0];
  const role = results.roles.find((r) => r.id === results.filters.role);
  return (
    <MinGroupSize.Provider value={results.minGroupSize ?? 5}>
      <h2>
        {pick(results.campaign.title, locale)}
        {results.filters.schoolId ? ` — ${schoolName(results.filters.schoolId)}` : ''}
      </h2>
      <p className="no-print">
        <a className="results-campaign-link" href={`/campaigns?id=${encodeURIComponent(results.campaign.id)}`}>
          {campaignLinkText[locale]}
        </a>
      </p>
      <p>
        {results.filters.schoolId
          ? fill(t('respondentsSchool'), { school: results.schools[0]?.respondents ?? 0, cluster: results.respondents })
          : `${t('schoolsTaking')}: ${results.schools.length}. ${t('respondents')}: ${results.respondents}.`}
        {role && (
          <>
            {' '}
            {t('roleOnly')} {quoted(pick(role.title, locale), locale)}.
          </>
        )}
        {results.previousCampaign && (
          <>
            {' '}
            {t('previous')} {quoted(pick(results.previousCampaign.title, locale), locale)}.
          </>
        )}
      </p>
      {results.minGroupSize !== null && <p className="results-note">{fill(t('minGroup'), { n: results.minGroupSize })}</p>}
      {hasComplement(results) && <p className="results-note">{t('withheldNote')}</p>}
      <IndicatorTable results={results} locale={locale} t={t} schoolName={schoolName} request={request} />
      {indicator && (
        <>
          <div className="results-controls">
            <div>
              <label htmlFor="results-indicator">{t('chartIndicator')}</label>
              <select id="results-indicator" value={indicator.id} onChange={(e) => setIndicatorId(e.target.value)}>
                {results.indicators.map((i) => (
                  <option key={i.id} value={i.id}>
                    {pick(i.title, locale)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <SchoolBars results={results} indicator={indicator} locale={locale} t={t} schoolName={schoolName} />
          <Trend results={results} indicator={indicator} locale={locale} t={t} schoolName={schoolName} />
        </>
      )}
      {results.deficits && (
        <PooledScores deficits={results.deficits} schoolIds={results.schools.map((s) => s.id)} locale={locale} schoolName={schoolName} />
      )}
      {results.diagnosticChange && (
        <DiagnosticChangeTable
          change={results.diagnosticChange}
          schoolIds={results.schools.map((s) => s.id)}
          locale={locale}
          schoolName={schoolName}
        />
      )}
      {results.deficits && (
        <Deficits deficits={results.deficits} schoolIds={results.schools.map((s) => s.id)} locale={locale} t={t} schoolName={schoolName} />
      )}
    </MinGroupSize.Provider>
  );
}

/** Whether any value is withheld to protect another (the note under the tables explains the star). */
function hasComplement(results: CampaignResults): boolean {
  const values = results.indicators.flatMap((i) => [
    i.cluster,
    ...i.schools.map((s) => s.value),
    ...(i.roles ?? []).flatMap((r) => [r.cluster, ...r.schools.map((s) => s.value)]),
  ]);
  const areas = results.deficits?.areas.flatMap((a) => [a.cluster, ...a.schools]) ?? [];
  return [...values, ...areas].some((v) => v.withheld === 'complement');
}
