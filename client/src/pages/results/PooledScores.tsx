// The teacher diagnostic's area scores per school (issue 26, item 6): each area's score from the
// teachers' pooled points (earned / possible), for the cluster and each school, with n teachers;
// a school below the minimum group reads "too few answers" (the server withholds its pooled score:
// diagnostic-change.ts withPooledMinimum, to move into server/disclosure/).
import { Fragment } from 'react';
import type { DeficitResults } from '../../api/results';
import { pick, useTexts, type Locale } from '../../i18n';
import { number } from './format';
import { SchoolsTable } from './tables';
import './diagnostic-tables.css';

const texts = {
  ru: {
    title: 'Средний результат по направлениям и школам',
    intro: 'Результат направления — сумма баллов педагогов школы, делённая на сумму возможных баллов, %; n — число педагогов.',
    caption: 'Результат по направлениям и школам из суммы баллов педагогов, % (n — педагогов)',
    area: 'Направление',
    cluster: 'Кластер',
    tooFew: 'мало ответов',
  },
  en: {
    title: 'Area scores by school',
    intro: "An area's score is the school's teachers' points over the points possible, %; n is the number of teachers.",
    caption: "Area scores by school from the teachers' pooled points, % (n teachers)",
    area: 'Area',
    cluster: 'Cluster',
    tooFew: 'too few answers',
  },
};

type Shares = DeficitResults['areas'][number]['cluster'];

export function PooledScores({
  deficits,
  schoolIds,
  locale,
  schoolName,
}: {
  deficits: DeficitResults;
  schoolIds: string[];
  locale: Locale;
  schoolName: (id: string) => string;
}) {
  const [, t] = useTexts(texts);
  // Results scored before points were kept have no pooled score: nothing to show then.
  if (!deficits.areas.some((a) => a.cluster.pooled)) return null;
  const cell = (shares: Shares | undefined) => (
    <td className="num stacked">
      {!shares || shares.n === 0 ? (
        '—'
      ) : shares.suppressed || shares.pooled === null ? (
        <span className="too-few">{t('tooFew')}</span>
      ) : (
        <>
          {shares.pooled?.score == null ? '—' : `${number(shares.pooled.score, locale)} %`}
          <span className="results-note">n = {shares.n}</span>
        </>
      )}
    </td>
  );
  return (
    <section aria-labelledby="pooled-title">
      <h3 id="pooled-title">{t('title')}</h3>
      <p className="results-note">{t('intro')}</p>
      <SchoolsTable
        id="pooled-scores"
        caption={t('caption')}
        leading={
          <>
            <th scope="col">{t('area')}</th>
            <th scope="col">{t('cluster')}</th>
          </>
        }
        schoolIds={schoolIds}
        schoolName={schoolName}
      >
        {deficits.areas.map((a) => (
          <tr key={a.area}>
            <th scope="row">{pick(a.title, locale)}</th>
            {cell(a.cluster)}
            {schoolIds.map((s) => (
              <Fragment key={s}>{cell(a.schools.find((x) => x.schoolId === s))}</Fragment>
            ))}
          </tr>
        ))}
      </SchoolsTable>
    </section>
  );
}
