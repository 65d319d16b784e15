// The teacher diagnostic's area scores per school (issue 26, item 6): each area's score from the
// teachers' pooled points (earned / possible), for the cluster and each school, with n teachers;
// a school below the minimum group, or withheld beside one, reads "too few answers" (the server
// withholds its pooled score through server/disclosure/: diagnostic-change.ts withPooledMinimum).
import type { DeficitResults } from '../../api/results';
import { useTexts, type Locale } from '../../i18n';
import { number } from './format';
import { AreaSchoolsTable } from './tables';
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
    <AreaSchoolsTable
      id="pooled-scores"
      title={t('title')}
      note={t('intro')}
      caption={t('caption')}
      labels={{ area: t('area'), cluster: t('cluster') }}
      rows={deficits.areas}
      schoolIds={schoolIds}
      schoolName={schoolName}
      locale={locale}
      cell={cell}
    />
  );
}
