// The results page's filters: school year, respondent type, campaign, school (a school coordinator's
// own, fixed) and, when the campaign has them, the respondents' role.
import type { CampaignResults, RespondentType, ResultCampaign } from '../../api/results';
import { pick, type Locale } from '../../i18n';
import type { PageFilters } from './address';
import type { T } from './format';

function FilterSelect({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: [string, string][];
}) {
  return (
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
}

export function ResultsFilters({
  filters,
  change,
  years,
  types,
  shown,
  campaign,
  ownSchool,
  school,
  schoolName,
  results,
  locale,
  t,
}: {
  filters: PageFilters;
  change: (next: Partial<PageFilters>) => void;
  years: string[];
  types: RespondentType[];
  /** The campaigns of the chosen year and type. */
  shown: ResultCampaign[];
  campaign: ResultCampaign | undefined;
  ownSchool: string | undefined;
  school: string;
  schoolName: (id: string) => string;
  results: CampaignResults | undefined;
  locale: Locale;
  t: T;
}) {
  return (
    <form className="results-controls" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
      <FilterSelect
        id="results-year"
        label={t('schoolYear')}
        value={filters.year}
        onChange={(year) => change({ year, campaign: '', role: '' })}
        options={[['', t('allYears')], ...years.map((y): [string, string] => [y, y])]}
      />
      <FilterSelect
        id="results-type"
        label={t('respondentType')}
        value={filters.type}
        onChange={(type) => change({ type, campaign: '', role: '' })}
        options={[['', t('allTypes')], ...types.map((type): [string, string] => [type, t(`type_${type}`)])]}
      />
      {shown.length > 0 && (
        <FilterSelect
          id="results-campaign"
          label={t('campaign')}
          value={campaign?.id ?? ''}
          onChange={(id) => change({ campaign: id, role: '' })}
          options={shown.map((c): [string, string] => [c.id, `${pick(c.title, locale)} (${c.schoolYear})`])}
        />
      )}
      {campaign &&
        (ownSchool ? (
          <div>
            <span className="results-fixed-label">{t('school')}</span>
            <p className="results-fixed">{schoolName(ownSchool)}</p>
          </div>
        ) : (
          <FilterSelect
            id="results-school"
            label={t('school')}
            value={school}
            onChange={(s) => change({ school: s })}
            options={[['', t('wholeCluster')], ...campaign.schoolIds.map((id): [string, string] => [id, schoolName(id)])]}
          />
        ))}
      {results && results.roles.length > 0 && (
        <FilterSelect
          id="results-role"
          label={t('role')}
          value={filters.role}
          onChange={(role) => change({ role })}
          options={[['', t('allRoles')], ...results.roles.map((r): [string, string] => [r.id, pick(r.title, locale)])]}
        />
      )}
    </form>
  );
}
