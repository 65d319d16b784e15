// The traffic-light table of indicators (a school's values beside the cluster's when one school is
// chosen), with the table's CSV and XLSX downloads.
import { Fragment } from 'react';
import { indicatorExportUrl, type CampaignResults, type IndicatorResult, type ResultFilters } from '../../api/results';
import { pick, useTexts, type Locale } from '../../i18n';
import { comparisonTexts } from './comparison-texts';
import { fill, isShare, number, targetText, type T } from './format';
import { useChangedIndicators } from './form-changes';
import { Change, Met, ScrollBox, Value } from './tables';

/** Beside a cluster's change: over how many schools when not all, and the z-test's verdict for shares of respondents. */
function ChangeNotes({ v, c }: { v: IndicatorResult['cluster']; c: (key: keyof (typeof comparisonTexts)['ru']) => string }) {
  if (v.suppressed || v.change === null) return null;
  return (
    <>
      {v.changeTest && <p className="results-note">{v.changeTest.real ? c('real') : c('chance')}</p>}
      {v.changeOver && !v.changeOver.sameSchools && <p className="results-note">{fill(c('over'), { n: v.changeOver.schools })}</p>}
    </>
  );
}

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
  // School forms corrected after first sent: the values those corrections changed are marked.
  const changed = useChangedIndicators(results);
  const [, c] = useTexts(comparisonTexts);
  if (results.indicators.length === 0) return null;
  const pp = (i: IndicatorResult) => (isShare(i) ? c('pp') : '');
  // One school chosen (or a school coordinator's own): its values first, the cluster's beside them.
  const schoolId = results.filters.schoolId;
  const own = (i: IndicatorResult) => i.schools.find((s) => s.schoolId === schoolId)?.value;
  const changedNote = (i: IndicatorResult) => {
    const schools = changed.get(i.id);
    if (!schools) return null;
    if (schoolId && !schools.includes(schoolId)) return null;
    return (
      <p className="results-note changed-marker">
        <span aria-hidden="true">✎ </span>
        {schoolId ? t('changedSchool') : fill(t('changedSchools'), { n: schools.length })}
      </p>
    );
  };
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
                  {i.criterionTitle && <p className="results-note">{fill(c('criterion'), { title: pick(i.criterionTitle, locale) })}</p>}
                  {i.kind === 'number' && <p className="results-note">{c('meanPerSchool')}</p>}
                  {i.cluster.schoolsNeeded !== undefined && (
                    <p className="results-note">{fill(t('schoolsNeeded'), { k: i.cluster.schoolsNeeded, n: i.cluster.n })}</p>
                  )}
                  {i.cluster.missing && i.cluster.missing.length > 0 && (
                    <p className="results-note">{fill(t('missing'), { list: i.cluster.missing.map(schoolName).join(', ') })}</p>
                  )}
                  {changedNote(i)}
                </th>
              );
              const clusterValue = (
                <td className="num">
                  <Value v={i.cluster} i={i} locale={locale} t={t} />
                  {i.cluster.interval && !i.cluster.suppressed && (
                    <p className="results-note">
                      {fill(c('interval'), { low: number(i.cluster.interval.low, locale), high: number(i.cluster.interval.high, locale) })}
                    </p>
                  )}
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
                          <Change v={mine} locale={locale} unit={pp(i)} />
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
                      <Change v={i.cluster} locale={locale} unit={pp(i)} />
                      <ChangeNotes v={i.cluster} c={c} />
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
                    <Change v={i.cluster} locale={locale} unit={pp(i)} />
                    <ChangeNotes v={i.cluster} c={c} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollBox>
      <p className="results-note">{c('note')}</p>
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
