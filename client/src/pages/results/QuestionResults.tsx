// A campaign's results question by question (server/analytics/questions.ts), for any instrument,
// with or without indicators: a chart with its table beside it for choices, ratings and rankings,
// a table for numbers, matrices (per row) and the fields of multiple text, matrices and dynamic
// panels. Filtered by the page's school and role, and by any answer to a choice question.
import { useEffect, useState } from 'react';
import type { Guarded, QuestionResults as Results, Summary } from '../../../../server/analytics/question-views';
import { get } from '../../api/http';
import type { ResultFilters } from '../../api/results';
import { pick, useTexts, type Locale, type PageTexts } from '../../i18n';
import { ChartBesideTable } from './ChartBesideTable';
import { ScrollBox } from './tables';

type Key =
  | 'title'
  | 'filter'
  | 'everyone'
  | 'answered'
  | 'answer'
  | 'count'
  | 'share'
  | 'cluster'
  | 'school'
  | 'withheld'
  | 'mean'
  | 'median'
  | 'min'
  | 'max'
  | 'meanRank'
  | 'textOnly'
  | 'loading'
  | 'failed'
  | 'respondents';
const texts: PageTexts<Key> = {
  ru: {
    title: 'Ответы по вопросам',
    filter: 'Только ответившие',
    everyone: 'все респонденты',
    answered: 'Ответили',
    answer: 'Ответ',
    count: 'Число',
    share: 'Доля, %',
    cluster: 'Кластер',
    school: 'Школа',
    withheld: 'меньше минимума ответов — не показано',
    mean: 'Среднее',
    median: 'Медиана',
    min: 'Минимум',
    max: 'Максимум',
    meanRank: 'Средний ранг (1 — первое место)',
    textOnly: 'Свободные ответы здесь не показываются; что из них попадает в выгрузку ответов, сказано под ссылками на неё.',
    loading: 'Загрузка ответов по вопросам…',
    failed: 'Ответы по вопросам не загрузились.',
    respondents: 'Респондентов',
  },
  en: {
    title: 'Answers question by question',
    filter: 'Only those who answered',
    everyone: 'all respondents',
    answered: 'Answered',
    answer: 'Answer',
    count: 'Count',
    share: 'Share, %',
    cluster: 'Cluster',
    school: 'School',
    withheld: 'fewer answers than the minimum — not shown',
    mean: 'Mean',
    median: 'Median',
    min: 'Minimum',
    max: 'Maximum',
    meanRank: 'Mean rank (1 = first place)',
    textOnly: 'Free-text answers are not shown here; what of them the responses export holds is said under its links.',
    loading: 'Loading the answers question by question…',
    failed: 'The answers question by question did not load.',
    respondents: 'Respondents',
  },
};

const percent = (share: number, locale: Locale) =>
  new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 0 }).format(share * 100);
const decimal = (x: number | null | undefined, locale: Locale) =>
  x === null || x === undefined ? '—' : new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 2 }).format(x);

/**
 * `collapsed`: the campaign has indicators or deficits above, so the answers question by question wait
 * behind a disclosure and are read only when it is opened; without them they are the results and show at once.
 */
export function QuestionResults({ campaignId, request, collapsed }: { campaignId: string; request: ResultFilters; collapsed: boolean }) {
  const [, t] = useTexts(texts);
  const [open, setOpen] = useState(!collapsed);
  if (!collapsed) return <QuestionResultsBody campaignId={campaignId} request={request} />;
  return (
    <details className="question-results" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('title')}</summary>
      {open && <QuestionResultsBody campaignId={campaignId} request={request} />}
    </details>
  );
}

function QuestionResultsBody({ campaignId, request }: { campaignId: string; request: ResultFilters }) {
  const [locale, t] = useTexts(texts);
  const [filter, setFilter] = useState('');
  const [results, setResults] = useState<Results | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    const params = new URLSearchParams();
    if (request.school) params.set('school', request.school);
    if (request.role) params.set('role', request.role);
    if (filter) params.set('filter', filter);
    const q = params.toString();
    setFailed(false);
    get<Results>(`/api/results/campaigns/${encodeURIComponent(campaignId)}/questions${q ? `?${q}` : ''}`).then(
      (r) => !cancelled && setResults(r),
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, [campaignId, request.school, request.role, filter]);

  return (
    <section aria-labelledby="question-results" className="question-results">
      <h3 id="question-results">{t('title')}</h3>
      {failed && (
        <p className="form-error" role="alert">
          {t('failed')}
        </p>
      )}
      {!results && !failed && <p role="status">{t('loading')}</p>}
      {results && (
        <>
          {results.filterQuestions.length > 0 && (
            <div className="results-controls">
              <div>
                <label htmlFor="question-filter">{t('filter')}</label>
                <select id="question-filter" value={filter} onChange={(e) => setFilter(e.target.value)}>
                  <option value="">{t('everyone')}</option>
                  {results.filterQuestions.map((q) => (
                    <optgroup key={q.name} label={pick(q.title, locale)}>
                      {q.choices.map((c) => (
                        <option key={String(c.value)} value={`${q.name}:${String(c.value)}`}>
                          {pick(c.label, locale)}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              </div>
            </div>
          )}
          <p>
            {t('respondents')}: {t('cluster').toLowerCase()} {results.respondents.cluster}
            {results.respondents.school !== undefined && `, ${t('school').toLowerCase()} ${results.respondents.school}`}.
          </p>
          {results.questions.map((q) => (
            <article key={q.name} className="question-result">
              <h4>{pick(q.title, locale)}</h4>
              <SummaryView id={`q-${q.name}`} title={pick(q.title, locale)} cluster={q.cluster} school={q.school} locale={locale} t={t} />
            </article>
          ))}
        </>
      )}
    </section>
  );
}

type T = (key: Key) => string;

function SummaryView({
  id,
  title,
  cluster,
  school,
  locale,
  t,
}: {
  id: string;
  title: string;
  cluster: Guarded;
  school?: Guarded;
  locale: Locale;
  t: T;
}) {
  if (cluster.kind === 'withheld') return <p className="results-note">{t('withheld')}</p>;
  const own = school && school.kind !== 'withheld' && school.kind === cluster.kind ? school : undefined;
  const schoolWithheld = school?.kind === 'withheld';
  const answeredLine = (
    <p className="results-note">
      {t('answered')}: {cluster.answered}
      {own ? ` (${t('school').toLowerCase()}: ${own.answered})` : schoolWithheld ? ` (${t('school').toLowerCase()}: ${t('withheld')})` : ''}
    </p>
  );
  switch (cluster.kind) {
    case 'choices':
    case 'multiple': {
      const ownCounts = own && (own.kind === 'choices' || own.kind === 'multiple') ? own.counts : undefined;
      const labels = cluster.counts.map((c) => pick(c.label, locale));
      return (
        <>
          {answeredLine}
          <ChartBesideTable
            type="bar"
            label={title}
            share
            tableLabel={title}
            data={{
              labels,
              datasets: [
                { label: t('cluster'), data: cluster.counts.map((c) => Math.round(c.share * 100)), backgroundColor: '#1f5fae' },
                ...(ownCounts
                  ? [{ label: t('school'), data: ownCounts.map((c) => Math.round(c.share * 100)), backgroundColor: '#c77700' }]
                  : []),
              ],
            }}
          >
            <table className="results-table" id={id}>
              <thead>
                <tr>
                  <th scope="col">{t('answer')}</th>
                  <th scope="col">{t('count')}</th>
                  <th scope="col">{t('share')}</th>
                  {ownCounts && <th scope="col">{`${t('school')}, %`}</th>}
                </tr>
              </thead>
              <tbody>
                {cluster.counts.map((c, i) => (
                  <tr key={String(c.value)}>
                    <th scope="row">{labels[i]}</th>
                    <td>{c.count}</td>
                    <td>{percent(c.share, locale)}</td>
                    {ownCounts && <td>{percent(ownCounts[i]?.share ?? 0, locale)}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </ChartBesideTable>
          {cluster.kind === 'choices' && cluster.mean !== undefined && (
            <p>
              {t('mean')}: {decimal(cluster.mean, locale)}; {t('median')}: {decimal(cluster.median, locale)}
              {own?.kind === 'choices' && own.mean !== undefined
                ? ` (${t('school').toLowerCase()}: ${decimal(own.mean, locale)}; ${decimal(own.median, locale)})`
                : ''}
            </p>
          )}
        </>
      );
    }
    case 'number': {
      const o = own?.kind === 'number' ? own : undefined;
      const row = (key: Key, a: number | null, b?: number | null) => (
        <tr key={key}>
          <th scope="row">{t(key)}</th>
          <td>{decimal(a, locale)}</td>
          {o && <td>{decimal(b, locale)}</td>}
        </tr>
      );
      return (
        <>
          {answeredLine}
          <ScrollBox label={title}>
            <table className="results-table" id={id}>
              <thead>
                <tr>
                  <td />
                  <th scope="col">{t('cluster')}</th>
                  {o && <th scope="col">{t('school')}</th>}
                </tr>
              </thead>
              <tbody>
                {row('mean', cluster.mean, o?.mean)}
                {row('median', cluster.median, o?.median)}
                {row('min', cluster.min, o?.min)}
                {row('max', cluster.max, o?.max)}
              </tbody>
            </table>
          </ScrollBox>
        </>
      );
    }
    case 'ranking': {
      const labels = cluster.items.map((i) => pick(i.label, locale));
      return (
        <>
          {answeredLine}
          <ChartBesideTable
            type="bar"
            label={`${title}: ${t('meanRank')}`}
            share={false}
            tableLabel={title}
            data={{
              labels,
              datasets: [{ label: t('meanRank'), data: cluster.items.map((i) => i.meanRank ?? 0), backgroundColor: '#1f5fae' }],
            }}
          >
            <table className="results-table" id={id}>
              <thead>
                <tr>
                  <th scope="col">{t('answer')}</th>
                  <th scope="col">{t('meanRank')}</th>
                </tr>
              </thead>
              <tbody>
                {cluster.items.map((item, i) => (
                  <tr key={String(item.value)}>
                    <th scope="row">{labels[i]}</th>
                    <td>{decimal(item.meanRank, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ChartBesideTable>
        </>
      );
    }
    case 'matrix':
      return (
        <>
          {answeredLine}
          {cluster.rows.map((row, i) => (
            <div key={String(row.value)} className="question-part">
              <h5>{pick(row.label, locale)}</h5>
              <SummaryView
                id={`${id}-${i}`}
                title={`${title} — ${pick(row.label, locale)}`}
                cluster={row.summary}
                school={own?.kind === 'matrix' ? own.rows[i]?.summary : undefined}
                locale={locale}
                t={t}
              />
            </div>
          ))}
        </>
      );
    case 'fields':
      return (
        <>
          {answeredLine}
          {cluster.fields.map((field, i) => (
            <div key={field.name} className="question-part">
              <h5>{pick(field.title, locale)}</h5>
              <SummaryView
                id={`${id}-${i}`}
                title={`${title} — ${pick(field.title, locale)}`}
                cluster={field.summary as Summary}
                school={own?.kind === 'fields' ? own.fields[i]?.summary : undefined}
                locale={locale}
                t={t}
              />
            </div>
          ))}
        </>
      );
    default:
      return (
        <>
          {answeredLine}
          <p className="results-note">{t('textOnly')}</p>
        </>
      );
  }
}
