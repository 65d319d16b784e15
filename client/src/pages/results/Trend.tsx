// The chosen indicator over the campaigns of the same instrument, with a table beside.
import type { CampaignResults, IndicatorResult } from '../../api/results';
import { pick, type Locale } from '../../i18n';
import { ChartBesideTable } from './ChartBesideTable';
import { answerWord } from './tables';
import { fill, isShare, number, targetText, unit, type T } from './format';
import { dayText } from '../../dates';

/** The indicator over the campaigns of the same instrument: a line for the cluster (and the chosen school), the target line, a table beside. */
export function Trend({
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
  const trend = indicator.trend;
  if (!trend) return null;
  const target = indicator.cluster.target;
  const schoolId = results.filters.schoolId;
  const schoolTrend = schoolId ? trend.schools.find((s) => s.schoolId === schoolId) : undefined;
  const schoolWithheld = schoolId ? trend.suppressed.schools.find((s) => s.schoolId === schoolId)?.values : undefined;
  // Days on the axis (short on a phone); the table beside names each campaign.
  const labels = results.history.map((h) => dayText(h.opensOn, locale, { short: true }));
  const lines = [
    { label: t('cluster'), values: trend.cluster, withheld: trend.suppressed.cluster, colour: '#1f5fae', answers: undefined },
    ...(schoolTrend && schoolId
      ? [
          {
            label: schoolName(schoolId),
            values: schoolTrend.values,
            withheld: schoolWithheld ?? [],
            colour: '#5b3f8c',
            // A school's own checklist answers, in words (a share of one school cannot tell «частично» from «нет»).
            answers: schoolTrend.answers,
          },
        ]
      : []),
  ];
  const data = {
    labels,
    datasets: [
      ...lines.map((line) => ({
        type: 'line' as const,
        label: line.label,
        data: line.values,
        borderColor: line.colour,
        backgroundColor: line.colour,
        spanGaps: false,
        pointRadius: 4,
      })),
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
            },
          ]
        : []),
    ],
  };
  const point = (value: number | null, withheld: boolean | undefined, answer?: string | null) =>
    withheld ? (
      <span className="too-few">{t('tooFew')}</span>
    ) : answerWord(answer) ? (
      t(answerWord(answer)!)
    ) : value === null ? (
      <span className="too-few">{t('noData')}</span>
    ) : (
      `${number(value, locale)}${unit(indicator)}`
    );
  return (
    <section aria-labelledby="trend-title">
      <h3 id="trend-title">{t('trendTitle')}</h3>
      {results.history.length < 2 && <p className="results-note">{t('trendSingle')}</p>}
      <ChartBesideTable
        type="line"
        label={fill(t('trendLabel'), { title, target: targetText(target, locale) || '—', count: results.history.length })}
        data={data}
        share={isShare(indicator)}
        tableLabel={`${t('trendCaption')}: ${title}`}
      >
        <table className="results-table" id="trend-table">
          <caption>
            {t('trendCaption')}: {title}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('campaign')}</th>
              {lines.map((line) => (
                <th scope="col" key={line.label}>
                  {line.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {results.history.map((h, k) => (
              <tr key={h.id}>
                <th scope="row">
                  {pick(h.title, locale)} <span className="results-note">{dayText(h.opensOn, locale)}</span>
                </th>
                {lines.map((line) => (
                  <td className="num" key={line.label}>
                    {point(line.values[k], line.withheld[k], line.answers?.[k])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ChartBesideTable>
    </section>
  );
}
