// The results page (/results): filters (school year, respondent type, campaign, school, role) kept
// in the URL so a view can be shared; the traffic-light table of indicators (a school's values
// beside the cluster's), bars per school against the target line and the trend over campaigns
// (chart.js, with the same numbers in a table beside), the teacher deficits heat map and the
// seminar plan, and the indicator table's exports. Its own chunk: chart.js is loaded only here.
// Suppressed values arrive withheld from the server and are shown as "too few answers".
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { Fragment, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Chart, type ChartProps } from 'react-chartjs-2';
import { fetchSession, type SessionUser } from '../../api/accounts';
import { fetchSchools, type SchoolView } from '../../api/campaigns';
import { errorCodeOf, errorText } from '../../errors/texts';
import {
  fetchCampaignResults,
  fetchResultCampaigns,
  indicatorExportUrl,
  type CampaignResults,
  type DeficitResults,
  type IndicatorResult,
  type ResultCampaign,
  type ResultFilters,
  type ResultValue,
  type Target,
} from '../../api/results';
import { Locale, pick, useTexts } from '../../i18n';
import { AccountFrame } from '../account/common';
import { resultsTexts } from './texts';
import { ReportDownloads } from './ReportDownloads';
import './results.css';

ChartJS.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

type T = (key: keyof (typeof resultsTexts)['ru']) => string;
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
const number = (v: number, locale: Locale) => v.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 1 });
const targetText = (t: Target | null, locale: Locale) => (t ? `${t.op === '>' ? '>' : '≥'} ${number(t.value, locale)}` : '');
/** A name in the page's language's quotation marks. */
const quoted = (text: string, locale: Locale) => (locale === 'ru' ? `«${text}»` : `“${text}”`);
const isShare = (i: IndicatorResult) => i.kind !== 'number' && i.kind !== 'mean' && i.kind !== 'count';
const unit = (i: IndicatorResult) => (isShare(i) ? ' %' : '');

/** A box a wide table scrolls in on narrow screens: focusable (keyboard scrolling) and named. */
function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="results-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** A table with a column per school (the deficit tables), boxed so it scrolls on a narrow screen; its caption names the box too. */
function SchoolsTable({
  id,
  caption,
  leading,
  trailing,
  schoolIds,
  schoolName,
  children,
}: {
  id: string;
  caption: string;
  leading: ReactNode;
  trailing?: ReactNode;
  schoolIds: string[];
  schoolName: (id: string) => string;
  children: ReactNode;
}) {
  return (
    <ScrollBox label={caption}>
      <table className="results-table" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {leading}
            {schoolIds.map((school) => (
              <th scope="col" key={school}>
                {schoolName(school)}
              </th>
            ))}
            {trailing}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </ScrollBox>
  );
}

/** A chart (a canvas with an accessible name) and, beside it, the table of the same numbers. */
function ChartBesideTable({
  type,
  label,
  data,
  share,
  tableLabel,
  children,
}: {
  type: 'bar' | 'line';
  label: string;
  data: ChartProps['data'];
  share: boolean;
  tableLabel: string;
  children: ReactNode;
}) {
  return (
    <div className="results-chart-pair">
      <div className="results-chart">
        <Chart
          type={type}
          role="img"
          aria-label={label}
          data={data}
          options={{
            maintainAspectRatio: false,
            animation: false,
            scales: { y: { beginAtZero: true, ...(share ? { max: 100 } : {}) } },
            plugins: { legend: { position: 'bottom' } },
          }}
        />
      </div>
      <ScrollBox label={tableLabel}>{children}</ScrollBox>
    </div>
  );
}

function Value({ v, i, locale, t }: { v: ResultValue; i: IndicatorResult; locale: Locale; t: T }) {
  if (v.suppressed) return <span className="too-few">{t('tooFew')}</span>;
  return <>{v.value === null ? '—' : `${number(v.value, locale)}${unit(i)}`}</>;
}

function Met({ v, t }: { v: ResultValue; t: T }) {
  if (v.suppressed || v.met === null) return <span className="too-few">{v.suppressed ? t('tooFew') : t('noTarget')}</span>;
  // Not by colour alone: a sign and a word. The words may wrap in a narrow column, the sign stays with the first.
  const [sign, className, words] = v.met ? ['✔ ', 'met-yes', t('yes')] : ['✘ ', 'met-no', t('no')];
  const space = words.indexOf(' ');
  const first = space < 0 ? words : words.slice(0, space);
  return (
    <span className={className}>
      <span className="keep-together">
        <span aria-hidden="true">{sign}</span>
        {first}
      </span>
      {space < 0 ? '' : words.slice(space)}
    </span>
  );
}

function Change({ v, locale }: { v: ResultValue; locale: Locale }) {
  if (v.suppressed || v.change === null) return <>—</>;
  return (
    <>
      {v.change > 0 ? '+' : v.change < 0 ? '−' : '±'}
      {number(Math.abs(v.change), locale)}
    </>
  );
}

/** The page's filters, as they stand in its address (shareable). */
interface PageFilters {
  year: string;
  type: string;
  campaign: string;
  school: string;
  role: string;
}
const filterKeys: (keyof PageFilters)[] = ['year', 'type', 'campaign', 'school', 'role'];

function filtersFromAddress(): PageFilters {
  const params = new URLSearchParams(window.location.search);
  return {
    year: params.get('year') ?? '',
    type: params.get('type') ?? '',
    campaign: params.get('campaign') ?? '',
    school: params.get('school') ?? '',
    role: params.get('role') ?? '',
  };
}

function writeAddress(filters: PageFilters) {
  const url = new URL(window.location.href);
  for (const key of filterKeys) {
    if (filters[key]) url.searchParams.set(key, filters[key]);
    else url.searchParams.delete(key);
  }
  window.history.replaceState(null, '', url);
}

const respondentTypes = ['parent', 'student', 'teacher', 'school'] as const;

export default function ResultsPage() {
  const [locale, t] = useTexts(resultsTexts);
  const [state, setState] = useState<'loading' | 'signed-out' | 'ready' | { failed: string }>('loading');
  const [user, setUser] = useState<SessionUser>();
  const [campaigns, setCampaigns] = useState<ResultCampaign[]>([]);
  const [schools, setSchools] = useState<SchoolView[]>([]);
  const [filters, setFilters] = useState<PageFilters>(filtersFromAddress);
  const [results, setResults] = useState<CampaignResults>();
  const [failure, setFailure] = useState<string>();
  // The server's messages are English; the page says what happened in its own language.
  // The reason is kept as a key, so switching the language re-says it.
  // The results' own words for the refusals this page meets most; every other code in the common texts.
  const reasonOf = (err: unknown): string => {
    const code = errorCodeOf(err);
    if (code === 'auth.forbidden') return 'forbidden';
    if (code === 'network') return 'network';
    if (code === 'campaign.not_found') return 'notFound';
    if (code === 'request.invalid' || code === 'results.role_unknown') return 'badFilter';
    return `code:${code}`;
  };
  const reason = (key: string) =>
    key.startsWith('code:')
      ? errorText(locale, { code: key.slice('code:'.length) })
      : t(key as 'forbidden' | 'network' | 'notFound' | 'badFilter');

  useEffect(() => {
    fetchSession()
      .then(async (s) => {
        if (!s.user) return setState('signed-out');
        setUser(s.user);
        const [list, cluster] = await Promise.all([fetchResultCampaigns(), fetchSchools().catch(() => ({ schools: [] as SchoolView[] }))]);
        setCampaigns(list.campaigns);
        setSchools(cluster.schools);
        setState('ready');
      })
      .catch((err) => setState({ failed: reasonOf(err) }));
  }, []);

  const ownSchool = user?.role === 'school-coordinator' ? user.schoolId : undefined;
  const years = useMemo(() => [...new Set(campaigns.map((c) => c.schoolYear))].sort().reverse(), [campaigns]);
  const types = respondentTypes.filter((type) => campaigns.some((c) => c.respondentType === type));
  const shown = campaigns.filter(
    (c) => (!filters.year || c.schoolYear === filters.year) && (!filters.type || c.respondentType === filters.type),
  );
  const campaign = shown.find((c) => c.id === filters.campaign) ?? shown[0];
  // A school coordinator always sees their own school; others may pick one of the campaign's.
  const school = ownSchool ?? (campaign?.schoolIds.includes(filters.school) ? filters.school : '');
  const request: ResultFilters = { ...(school && !ownSchool ? { school } : {}), ...(filters.role ? { role: filters.role } : {}) };
  const requestKey = campaign ? `${campaign.id}|${request.school ?? ''}|${request.role ?? ''}` : '';

  useEffect(() => {
    if (state !== 'ready') return;
    writeAddress({ ...filters, campaign: campaign?.id ?? '', school: ownSchool ? '' : school });
  }, [state, filters, campaign?.id, school, ownSchool]);

  useEffect(() => {
    if (state !== 'ready' || !campaign) return;
    let current = true;
    setResults(undefined);
    setFailure(undefined);
    fetchCampaignResults(campaign.id, request).then(
      (r) => current && setResults(r),
      (err) => current && setFailure(reasonOf(err)),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- requestKey stands for the campaign and the filters sent
  }, [state, requestKey]);

  if (state === 'loading')
    return (
      <AccountFrame title={t('title')}>
        <p role="status">{t('loading')}</p>
      </AccountFrame>
    );
  if (state === 'signed-out')
    return (
      <AccountFrame title={t('title')}>
        <p>
          {t('signIn')} <a href="/sign-in">{t('signInLink')}</a>
        </p>
      </AccountFrame>
    );
  if (typeof state === 'object')
    return (
      <AccountFrame title={t('title')}>
        <p className="form-error" role="alert">
          {t('failed')} {reason(state.failed)}
        </p>
      </AccountFrame>
    );

  const schoolName = (id: string) => {
    const known = schools.find((x) => x.id === id);
    if (known) return pick(known.shortName, locale);
    const s = results?.schools.find((x) => x.id === id);
    return s?.name ? pick(s.name, locale) : (s?.number ?? id);
  };
  const change = (next: Partial<PageFilters>) => setFilters((f) => ({ ...f, ...next }));
  const select = (id: string, label: string, value: string, onChange: (v: string) => void, options: [string, string][]) => (
    <div>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <AccountFrame title={t('title')}>
      <div className="results-page">
        {campaigns.length === 0 ? (
          <p>{t('noCampaigns')}</p>
        ) : (
          <form className="results-controls" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
            {select('results-year', t('schoolYear'), filters.year, (year) => change({ year, campaign: '', role: '' }), [
              ['', t('allYears')],
              ...years.map((y): [string, string] => [y, y]),
            ])}
            {select('results-type', t('respondentType'), filters.type, (type) => change({ type, campaign: '', role: '' }), [
              ['', t('allTypes')],
              ...types.map((type): [string, string] => [type, t(`type_${type}`)]),
            ])}
            {shown.length > 0 &&
              select(
                'results-campaign',
                t('campaign'),
                campaign?.id ?? '',
                (id) => change({ campaign: id, role: '' }),
                shown.map((c): [string, string] => [c.id, `${pick(c.title, locale)} (${c.schoolYear})`]),
              )}
            {campaign &&
              (ownSchool ? (
                <div>
                  <span className="results-fixed-label">{t('school')}</span>
                  <p className="results-fixed">{schoolName(ownSchool)}</p>
                </div>
              ) : (
                select('results-school', t('school'), school, (s) => change({ school: s }), [
                  ['', t('wholeCluster')],
                  ...campaign.schoolIds.map((id): [string, string] => [id, schoolName(id)]),
                ])
              ))}
            {results &&
              results.roles.length > 0 &&
              select('results-role', t('role'), filters.role, (role) => change({ role }), [
                ['', t('allRoles')],
                ...results.roles.map((r): [string, string] => [r.id, pick(r.title, locale)]),
              ])}
          </form>
        )}
        {campaigns.length > 0 && shown.length === 0 && <p>{t('noneMatch')}</p>}
        {failure && (
          <p className="form-error" role="alert">
            {t('failed')} {reason(failure)}
          </p>
        )}
        {campaign && !results && !failure && <p role="status">{t('loading')}</p>}
        {results && <CampaignView results={results} locale={locale} t={t} schoolName={schoolName} request={request} />}
        {results && <ReportDownloads results={results} />}
      </div>
    </AccountFrame>
  );
}

/** One campaign's results, for the cluster or for one school beside the cluster. */
function CampaignView({
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
    <>
      <h2>
        {pick(results.campaign.title, locale)}
        {results.filters.schoolId ? ` — ${schoolName(results.filters.schoolId)}` : ''}
      </h2>
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
        <Deficits deficits={results.deficits} schoolIds={results.schools.map((s) => s.id)} locale={locale} t={t} schoolName={schoolName} />
      )}
    </>
  );
}

function IndicatorTable({
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
  if (results.indicators.length === 0) return results.deficits ? null : <p>{t('noIndicators')}</p>;
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

function SchoolBars({
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

/** The indicator over the campaigns of the same instrument: a line for the cluster (and the chosen school), the target line, a table beside. */
function Trend({
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
  const labels = results.history.map((h) => h.opensOn);
  const lines = [
    { label: t('cluster'), values: trend.cluster, withheld: trend.suppressed.cluster, colour: '#1f5fae' },
    ...(schoolTrend && schoolId
      ? [{ label: schoolName(schoolId), values: schoolTrend.values, withheld: schoolWithheld ?? [], colour: '#5b3f8c' }]
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
            },
          ]
        : []),
    ],
  };
  const point = (value: number | null, withheld: boolean | undefined) =>
    withheld ? (
      <span className="too-few">{t('tooFew')}</span>
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
                  {pick(h.title, locale)} <span className="results-note">{h.opensOn}</span>
                </th>
                {lines.map((line) => (
                  <td className="num" key={line.label}>
                    {point(line.values[k], line.withheld[k])}
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

/** A light-to-mid blue by share, dark text stays above 4.5:1 on every shade. */
const heat = (share: number | null) => (share === null ? '#ffffff' : `rgba(31, 95, 174, ${(0.05 + (share / 100) * 0.45).toFixed(2)})`);

function Deficits({
  deficits,
  schoolIds,
  locale,
  t,
  schoolName,
}: {
  deficits: DeficitResults;
  schoolIds: string[];
  locale: Locale;
  t: T;
  schoolName: (id: string) => string;
}) {
  const [levelId, setLevelId] = useState(deficits.levels[0]?.id ?? '');
  const level = deficits.levels.find((l) => l.id === levelId) ?? deficits.levels[0];
  const tooFew = <span className="too-few">{t('tooFew')}</span>;
  const areaAndCluster = (
    <>
      <th scope="col">{t('area')}</th>
      <th scope="col">{t('cluster')}</th>
    </>
  );
  const cell = (shares: { suppressed: boolean; levels: Record<string, { count: number; share: number } | null> }) => {
    const share = shares.suppressed ? null : (shares.levels[level.id]?.share ?? null);
    return (
      <td className="num heat-cell" style={{ background: heat(share) }}>
        {shares.suppressed ? tooFew : share === null ? '—' : `${number(share, locale)} %`}
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
              {deficits.levels.map((l) => (
                <option key={l.id} value={l.id}>
                  {pick(l.title, locale)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <SchoolsTable
          id="heat-map"
          caption={fill(t('heatCaption'), { level: pick(level.title, locale) })}
          leading={areaAndCluster}
          trailing={<th scope="col">{t('alpha')}</th>}
          schoolIds={schoolIds}
          schoolName={schoolName}
        >
          {deficits.areas.map((a) => (
            <tr key={a.area}>
              <th scope="row">{pick(a.title, locale)}</th>
              {cell(a.cluster)}
              {schoolIds.map((id) => {
                const s = a.schools.find((x) => x.schoolId === id);
                return s ? <Fragment key={id}>{cell(s)}</Fragment> : <td key={id}>—</td>;
              })}
              <td className="num">
                {a.alpha.value === null ? '—' : number(a.alpha.value, locale)} ({a.alpha.n})
              </td>
            </tr>
          ))}
        </SchoolsTable>
      </section>
      <section aria-labelledby="teach-title">
        <h3 id="teach-title">{t('canTeach')}</h3>
        <p>{t('canTeachIntro')}</p>
        <SchoolsTable id="can-teach" caption={t('canTeachCaption')} leading={areaAndCluster} schoolIds={schoolIds} schoolName={schoolName}>
          {deficits.areas.map((a) => (
            <tr key={a.area}>
              <th scope="row">{pick(a.title, locale)}</th>
              <td className="num">{a.canTeachOthers ?? tooFew}</td>
              {schoolIds.map((id) => {
                const c = a.canTeachOthersBySchool?.find((x) => x.schoolId === id);
                return (
                  <td key={id} className="teach-cell">
                    <span className="num-inline">{c ? (c.count ?? tooFew) : '—'}</span>
                    {c?.sharedNames && c.sharedNames.length > 0 && (
                      <ul className="shared-names" aria-label={t('sharedNames')}>
                        {c.sharedNames.map((name) => (
                          <li key={name}>{name}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </SchoolsTable>
      </section>
      <section aria-labelledby="plan-title">
        <h3 id="plan-title">{t('planTitle')}</h3>
        <p>{t('planIntro')}</p>
        <SchoolsTable
          id="seminar-plan"
          caption={t('planCaption')}
          leading={
            <>
              <th scope="col">{t('rank')}</th>
              <th scope="col">{t('area')}</th>
              <th scope="col">{t('inDeficit')}</th>
            </>
          }
          schoolIds={schoolIds}
          schoolName={schoolName}
        >
          {deficits.seminarPlan.map((p, index) => (
            <tr key={p.area}>
              <td className="num">{index + 1}</td>
              <th scope="row">{pick(p.title, locale)}</th>
              <td className="num">{p.teachersInDeficit ?? tooFew}</td>
              {schoolIds.map((id) => {
                const s = p.perSchool.find((x) => x.schoolId === id);
                return (
                  <td className="num" key={id}>
                    {s ? (s.teachersInDeficit ?? tooFew) : '—'}
                  </td>
                );
              })}
            </tr>
          ))}
        </SchoolsTable>
      </section>
    </>
  );
}
