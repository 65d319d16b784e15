// The results page (/results): filters (school year, respondent type, campaign, school, role) kept
// in the URL so a view can be shared; the traffic-light table of indicators (a school's values
// beside the cluster's), bars per school against the target line and the trend over campaigns
// (chart.js, with the same numbers in a table beside), the teacher deficits heat map and the
// seminar plan, and the downloads. Each section is a file of this folder; this one holds the
// page's state. Its own chunk: chart.js is loaded only here.
// Suppressed values arrive withheld from the server and are shown as "too few answers".
import { useEffect, useMemo, useState } from 'react';
import {
  fetchCampaignResults,
  fetchResultCampaigns,
  type CampaignResults,
  type ResultCampaign,
  type ResultFilters,
} from '../../api/results';
import { fetchSchools, type SchoolView } from '../../api/schools';
import { AccountFrame } from '../../components/AccountFrame';
import { SignInPrompt } from '../../components/SignInPrompt';
import { pick, useTexts } from '../../i18n';
import { useSession } from '../../session';
import { errorCodeOf, errorText } from '../../errors/texts';
import { filtersFromAddress, writeAddress, type PageFilters } from './address';
import { CampaignResultsView } from './CampaignResultsView';
import { QuestionResults } from './QuestionResults';
import { ReportDownloads } from './ReportDownloads';
import { ResultsFilters } from './ResultsFilters';
import { resultsTexts } from './texts';
import './results.css';

const respondentTypes = ['parent', 'student', 'teacher', 'school'] as const;

// The server's messages are English; the page says what happened in its own language.
// The reason is kept as a key, so switching the language re-says it.
// The server's messages are English; the page says what happened in its own language. The reason is
// kept as a key, so switching the language re-says it: the results' own words for the refusals this
// page meets most, every other code in the common texts.
const reasonOf = (err: unknown): string => {
  const code = errorCodeOf(err);
  if (code === 'auth.forbidden') return 'forbidden';
  if (code === 'network') return 'network';
  if (code === 'campaign.not_found') return 'notFound';
  if (code === 'request.invalid' || code === 'results.role_unknown') return 'badFilter';
  return `code:${code}`;
};

export default function ResultsPage() {
  const [locale, t] = useTexts(resultsTexts);
  const { user, error: sessionError } = useSession();
  const [loaded, setLoaded] = useState<'loading' | 'ready' | { failed: string }>('loading');
  const [campaigns, setCampaigns] = useState<ResultCampaign[]>([]);
  const [schools, setSchools] = useState<SchoolView[]>([]);
  const [filters, setFilters] = useState<PageFilters>(filtersFromAddress);
  const [results, setResults] = useState<CampaignResults>();
  const [failure, setFailure] = useState<string>();
  const reason = (key: string) =>
    key.startsWith('code:')
      ? errorText(locale, { code: key.slice('code:'.length) })
      : t(key as 'forbidden' | 'network' | 'notFound' | 'badFilter');

  useEffect(() => {
    if (!user) return;
    Promise.all([fetchResultCampaigns(), fetchSchools().catch(() => ({ schools: [] as SchoolView[] }))]).then(
      ([list, cluster]) => {
        setCampaigns(list.campaigns);
        setSchools(cluster.schools);
        setLoaded('ready');
      },
      (err) => setLoaded({ failed: reasonOf(err) }),
    );
  }, [user]);
  const state = sessionError ? { failed: reasonOf(sessionError) } : user === undefined ? 'loading' : user === null ? 'signed-out' : loaded;
  const ready = state === 'ready';

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
    if (!ready) return;
    writeAddress({ ...filters, campaign: campaign?.id ?? '', school: ownSchool ? '' : school });
  }, [ready, filters, campaign?.id, school, ownSchool]);

  useEffect(() => {
    if (!ready || !campaign) return;
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
  }, [ready, requestKey]);

  if (state === 'loading')
    return (
      <AccountFrame title={t('title')}>
        <p role="status">{t('loading')}</p>
      </AccountFrame>
    );
  if (state === 'signed-out')
    return (
      <AccountFrame title={t('title')}>
        <SignInPrompt text={t('signIn')} link={t('signInLink')} href="/sign-in" />
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

  return (
    <AccountFrame title={t('title')}>
      <div className="results-page">
        {campaigns.length === 0 ? (
          <p>{t('noCampaigns')}</p>
        ) : (
          <ResultsFilters
            filters={filters}
            change={change}
            years={years}
            types={types}
            shown={shown}
            campaign={campaign}
            ownSchool={ownSchool}
            school={school}
            schoolName={schoolName}
            results={results}
            locale={locale}
            t={t}
          />
        )}
        {campaigns.length > 0 && shown.length === 0 && <p>{t('noneMatch')}</p>}
        {failure && (
          <p className="form-error" role="alert">
            {t('failed')} {reason(failure)}
          </p>
        )}
        {campaign && !results && !failure && <p role="status">{t('loading')}</p>}
        {results && <CampaignResultsView results={results} locale={locale} t={t} schoolName={schoolName} request={request} />}
        {results && (
          <QuestionResults
            key={results.campaign.id}
            campaignId={results.campaign.id}
            request={request}
            collapsed={results.indicators.length > 0 || !!results.deficits}
          />
        )}
        {results && <ReportDownloads results={results} />}
      </div>
    </AccountFrame>
  );
}
