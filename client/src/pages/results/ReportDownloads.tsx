// The campaign's downloads beyond the indicator table: the аналитическая справка (PDF, in the page's
// language) and the anonymous responses (CSV, XLSX), with what the responses' export leaves out said
// before anyone downloads it. The server applies the same rules (server/analytics/response-export.ts).
import type { CampaignResults } from '../../api/results';
import { pick, useTexts, type PageTexts } from '../../i18n';

type Key = 'title' | 'report' | 'responses' | 'leftOut' | 'rules' | 'personal' | 'roleRule' | 'codes';
const texts: PageTexts<Key> = {
  ru: {
    title: 'Справка и ответы',
    codes: 'Коды ответов (CSV)',
    report: 'Аналитическая справка (PDF)',
    responses: 'Ответы без имён:',
    leftOut: 'Не попадут в выгрузку ответов (меньше {n} ответов): {list}.',
    rules:
      'Строки идут в случайном порядке; свободные ответы, дата и время не выгружаются; школы, скрытые на странице, и ответы, ещё не вошедшие в значения, — тоже.',
    personal: 'Ответы диагностики педагогов личные и не выгружаются: используйте таблицу показателей и справку.',
    roleRule:
      'Справка и ответы — только по выбранной группе. Школа, где в какой-либо группе меньше {n} ответов, в выгрузку по группе не попадает.',
  },
  en: {
    title: 'Report and responses',
    codes: 'Answer codes (CSV)',
    report: 'Analytic report (PDF)',
    responses: 'Responses without names:',
    leftOut: 'Left out of the responses (fewer than {n} answers): {list}.',
    rules:
      'Rows come in random order; free-text answers, dates and times are not exported, nor are schools withheld on the page or answers not yet in the values.',
    personal: "The teacher diagnostic's answers are personal and are not exported: use the indicator table and the report.",
    roleRule:
      "The report and the responses hold the chosen group only. A school where any group has fewer than {n} answers is left out of the group's responses.",
  },
};

export function ReportDownloads({ results }: { results: CampaignResults }) {
  const [locale, t] = useTexts(texts);
  const base = `/api/results/campaigns/${encodeURIComponent(results.campaign.id)}`;
  // The school and the role picked on the page narrow the report and the responses too (a school
  // coordinator's own school is forced by the server anyway).
  const { schoolId: school, role } = results.filters;
  const lang = locale === 'en' ? 'en' : undefined;
  const withQuery = (path: string, lang?: string) => {
    const params = new URLSearchParams();
    if (school) params.set('school', school);
    if (role) params.set('role', role);
    if (lang) params.set('lang', lang);
    const q = params.toString();
    return `${base}/${path}${q ? `?${q}` : ''}`;
  };
  // Anonymous surveys and school forms export their responses; the teacher diagnostic does not.
  const exportable = results.campaign.anonymous || results.deficits === null;
  const min = results.minGroupSize;
  const small = min === null ? [] : results.schools.filter((s) => s.respondents > 0 && s.respondents < min);
  const name = (s: CampaignResults['schools'][number]) => pick(s.name ?? undefined, locale) || (s.number ? `№ ${s.number}` : s.id);
  return (
    <section aria-labelledby="report-downloads">
      <h3 id="report-downloads">{t('title')}</h3>
      <p className="results-downloads">
        <a href={withQuery('report.pdf', locale === 'en' ? 'en' : undefined)} download>
          {t('report')}
        </a>
      </p>
      {exportable ? (
        <>
          <p className="results-downloads">
            {/* Named apart from the indicator table's CSV / XLSX links beside them. */}
            {t('responses')}{' '}
            <a href={withQuery('responses.csv', lang)} download aria-label={`${t('responses')} CSV`}>
              CSV
            </a>{' '}
            <a href={withQuery('responses.xlsx', lang)} download aria-label={`${t('responses')} XLSX (Excel)`}>
              XLSX (Excel)
            </a>{' '}
            <a
              href={`${withQuery('responses.csv', lang)}${school || role || lang ? '&' : '?'}codes=1`}
              download
              aria-label={`${t('responses')} ${t('codes')}`}
            >
              {t('codes')}
            </a>
          </p>
          {results.campaign.anonymous && <p className="results-note">{t('rules')}</p>}
          {role && min !== null && <p className="results-note">{t('roleRule').replace('{n}', String(min))}</p>}
          {results.campaign.anonymous && small.length > 0 && min !== null && (
            <p className="results-note">{t('leftOut').replace('{n}', String(min)).replace('{list}', small.map(name).join(', '))}</p>
          )}
        </>
      ) : (
        <p className="results-note">{t('personal')}</p>
      )}
    </section>
  );
}
