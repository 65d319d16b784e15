// The chosen indicator per school: bars against the target line, the same numbers in a table beside.
import type { CampaignResults, IndicatorResult, ResultValue } from '../../api/results';
import { pick, type Locale } from '../../i18n';
import { ChartBesideTable } from './ChartBesideTable';
import { fill, isShare, targetText, type T } from './format';
import { Met, Value } from './tables';

export function SchoolBars({
  results,
  indicator,
  locale,
  t,
  schoolName,
}: {
  results: CampaignResults;
  indicator: IndicatorResult;
  locale: Locale;
  t: T;
  schoolName: (id: string) => string;
}) {
  const title = pick(indicator.title, locale);
  const target = indicator.cluster.target;
  // One school's view: its bar beside the cluster's; the cluster's view: a bar per school.
  const schoolView = results.filters.schoolId !== null;
  const bars = [
    ...indicator.schools.map((s) => ({ label: schoolName(s.schoolId), value: s.value })),
    ...(schoolView ? [{ label: t('cluster'), value: indicator.cluster as ResultValue }] : []),
  ];
  const labels = bars.map((b) => b.label);
  const data = {
    labels,
    datasets: [
      {
        type: 'bar' as const,
        label: t('value'),
        data: bars.map((b) => (b.value.suppressed ? null : b.value.value)),
        backgroundColor: bars.map((_, k) => (schoolView && k === bars.length - 1 ? '#5b6b7d' : '#1f5fae')),
        order: 2,
      },
      ...(target
        ? [
            {
              type: 'line' as const,
              label: `${t('targetLine')} ${targetText(target, locale)}`,
              data: labels.map(() => target.value),
              borderColor: '#b3261e',
              backgroundColor: '#b3261e',
              borderDash: [6, 4],
              pointRadius: 0,
              pointStyle: 'line' as const,
              order: 1,
            },
          ]
        : []),
    ],
  };
  return (
    <section aria-labelledby="bars-title">
      <h3 id="bars-title">{schoolView ? t('chartTitleSchool') : t('chartTitle')}</h3>
      <ChartBesideTable
        type="bar"
        label={fill(schoolView ? t('chartLabelSchool') : t('chartLabel'), { title, target: targetText(target, locale) || '—' })}
        data={data}
        share={isShare(indicator)}
        tableLabel={`${t('chartCaption')}: ${title}`}
      >
        <table className="results-table short-rows" id="school-table">
          <caption>
            {t('chartCaption')}: {title}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('school')}</th>
              <th scope="col">{t('value')}</th>
              <th scope="col">{t('met')}</th>
              <th scope="col">n</th>
            </tr>
          </thead>
          <tbody>
            {indicator.schools.map((s) => (
              <tr key={s.schoolId}>
                <th scope="row">{schoolName(s.schoolId)}</th>
                {indicator.kind === 'share-of-schools' && s.value.answer === null ? (
                  // A school without a checklist counts as not meeting it, and says why.
                  <>
                    <td className="num">
                      <span className="too-few">{t('noAnswer')}</span>
                    </td>
                    <td>
                      <Met v={s.value} t={t} />
                    </td>
                  </>
                ) : (
                  <>
                    <td className="num">
                      <Value v={s.value} i={indicator} locale={locale} t={t} />
                    </td>
                    <td>
                      <Met v={s.value} t={t} />
                    </td>
                  </>
                )}
                <td className="num">{s.value.n}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">
                <strong>{t('cluster')}</strong>
              </th>
              <td className="num">
                <Value v={indicator.cluster} i={indicator} locale={locale} t={t} />
              </td>
              <td>
                <Met v={indicator.cluster} t={t} />
              </td>
              <td className="num">{indicator.cluster.n}</td>
            </tr>
          </tbody>
        </table>
      </ChartBesideTable>
    </section>
  );
}
