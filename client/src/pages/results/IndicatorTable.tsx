// The traffic-light table of indicators (a school's values beside the cluster's when one school is
// chosen), with the table's CSV and XLSX downloads.
import { Fragment } from 'react';
import { indicatorExportUrl, type CampaignResults, type IndicatorResult, type ResultFilters } from '../../api/results';
import { pick, type Locale } from '../../i18n';
import { fill, number, targetText, type T } from './format';
import { Change, Met, ScrollBox, Value } from './tables';

export function IndicatorTable({
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
  if (results.indicators.length === 0) return null;
  // One school chosen (or a school coordinator's own): its values first, the cluster's beside them.
  const schoolId = results.filters.schoolId;
  const own = (i: IndicatorResult) => i.schools.find((s) => s.schoolId === schoolId)?.value;
  const caption = schoolId ? fill(t('indicatorsSchoolCaption'), { school: schoolName(schoolId) }) : t('indicatorsCaption');
  return (
    <section aria-labelledby="indicators-title">
      <h3 id="indicators-title">{t('indicatorsTitle')}</h3>
      <ScrollBox label={caption}>
        <table className="results-table" id="indicator-table">
          <caption>{caption}</caption>
          <thead>
            {schoolId ? (
              <>
                <tr>
                  <th scope="col" rowSpan={2}>
                    {t('indicator')}
                  </th>
                  <th scope="colgroup" colSpan={4}>
                    {schoolName(schoolId)}
                  </th>
                  <th scope="colgroup" colSpan={4}>
                    {t('cluster')}
                  </th>
                  <th scope="col" rowSpan={2}>
                    {t('target')}
                  </th>
                </tr>
                <tr>
                  {[0, 1].map((k) => (
                    <Fragment key={k}>
                      <th scope="col">{t('value')}</th>
                      <th scope="col">{t('met')}</th>
                      <th scope="col">n</th>
                      <th scope="col">{t('change')}</th>
                    </Fragment>
                  ))}
                </tr>
              </>
            ) : (
              <tr>
                <th scope="col">{t('indicator')}</th>
                <th scope="col">{t('value')}</th>
                <th scope="col">{t('target')}</th>
                <th scope="col">{t('met')}</th>
                <th scope="col">n</th>
                <th scope="col">{t('change')}</th>
              </tr>
            )}
          </thead>
          <tbody>
            {results.indicators.map((i) => {
              const title = (
                <th scope="row">
                  {pick(i.title, locale)}
                  {i.cluster.schoolsNeeded !== undefined && (
                    <p className="results-note">{fill(t('schoolsNeeded'), { k: i.cluster.schoolsNeeded, n: results.schools.length })}</p>
                  )}
                  {i.cluster.missing && i.cluster.missing.length > 0 && (
                    <p className="results-note">{fill(t('missing'), { list: i.cluster.missing.map(schoolName).join(', ') })}</p>
                  )}
                </th>
              );
              const clusterValue = (
                <td className="num">
                  <Value v={i.cluster} i={i} locale={locale} t={t} />
                  {i.cluster.yesOrPartly != null && !i.cluster.suppressed && (
                    <p className="results-note">
                      {t('yesOrPartly')}: {number(i.cluster.yesOrPartly, locale)} %
                    </p>
                  )}
                </td>
              );
              const mine = own(i);
              if (schoolId) {
                return (
                  <tr key={i.id} data-indicator={i.id}>
                    {title}
                    {mine ? (
                      <>
                        <td className="num">
                          {i.kind === 'share-of-schools' && mine.answer === null ? (
                            <span className="too-few">{t('noAnswer')}</span>
                          ) : (
                            <Value v={mine} i={i} locale={locale} t={t} />
                          )}
                        </td>
                        <td>
                          <Met v={mine} t={t} />
                        </td>
                        <td className="num">{mine.n}</td>
                        <td className="num">
                          <Change v={mine} locale={locale} />
                        </td>
                      </>
                    ) : (
                      <td colSpan={4}>—</td>
                    )}
                    {clusterValue}
                    <td>
                      <Met v={i.cluster} t={t} />
                    </td>
                    <td className="num">{i.cluster.n}</td>
                    <td className="num">
                      <Change v={i.cluster} locale={locale} />
                    </td>
                    <td className="num">{targetText(i.cluster.target, locale) || '—'}</td>
                  </tr>
                );
              }
              return (
                <tr key={i.id} data-indicator={i.id}>
                  {title}
                  {clusterValue}
                  <td className="num">{targetText(i.cluster.target, locale) || '—'}</td>
                  <td>
                    <Met v={i.cluster} t={t} />
                  </td>
                  <td className="num">{i.cluster.n}</td>
                  <td className="num">
                    <Change v={i.cluster} locale={locale} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollBox>
      <p className="results-downloads">
        {t('download')}{' '}
        <a href={indicatorExportUrl(results.campaign.id, 'csv', request)} download>
          CSV
        </a>{' '}
        <a href={indicatorExportUrl(results.campaign.id, 'xlsx', request)} download>
          XLSX (Excel)
        </a>
      </p>
    </section>
  );
}
