// The school year's calendar: every campaign in each month it runs, with its status, filterable
// by school and instrument, printable (campaigns.css hides the controls in print); the list beside.
import { useEffect, useState } from 'react';
import { audienceOf, CampaignView as Campaign, fetchInstruments, InstrumentSummary, listCampaigns } from '../../api/campaigns';
import { fetchSchools, type SchoolView } from '../../api/schools';
import { pick, useTexts } from '../../i18n';
import { AccountFrame } from '../../components/AccountFrame';
import { campaignWorkspaceTexts } from './workspace-texts';
import { dayLabel, problemOf, schoolLabel, StatusBadge } from './common';
import { campaignTexts } from './texts';

/** The school year starting in September of `startYear`: its twelve months as [first day, last day]. */
function monthsOf(startYear: number): { key: string; first: string; last: string }[] {
  return Array.from({ length: 12 }, (_, i) => {
    const year = startYear + (i + 8 >= 12 ? 1 : 0);
    const month = ((i + 8) % 12) + 1;
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const mm = String(month).padStart(2, '0');
    return { key: `${year}-${mm}`, first: `${year}-${mm}-01`, last: `${year}-${mm}-${days}` };
  });
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const currentSchoolYear = () => {
  const now = new Date();
  return now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
};

export function CalendarView({ administrator = false }: { administrator?: boolean }) {
  const [locale, t] = useTexts(campaignTexts);
  const [, w] = useTexts(campaignWorkspaceTexts);
  const [year, setYear] = useState(currentSchoolYear);
  const [schoolId, setSchoolId] = useState('');
  const [instrumentId, setInstrumentId] = useState('');
  const [schools, setSchools] = useState<SchoolView[]>([]);
  const [instruments, setInstruments] = useState<InstrumentSummary[]>([]);
  const [campaigns, setCampaigns] = useState<Campaign[]>();
  // What failed, worded when drawn: the words follow a change of language.
  const [failure, setFailure] = useState<{ err: unknown }>();

  useEffect(() => {
    fetchSchools().then(
      (r) => setSchools(r.schools),
      () => undefined,
    );
    fetchInstruments().then(
      (r) => setInstruments(r.instruments),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    setCampaigns(undefined);
    listCampaigns({ from: `${year}-09-01`, to: `${year + 1}-08-31`, schoolId, instrumentId }).then(
      (r) => {
        setFailure(undefined);
        setCampaigns(r.campaigns);
      },
      (err) => setFailure({ err }),
    );
  }, [year, schoolId, instrumentId]);
  const error = failure && problemOf(failure.err, t, locale).text;

  const months = monthsOf(year);
  const monthName = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const schoolById = new Map(schools.map((s) => [s.id, s]));
  const title = (c: Campaign) => pick(c.title, locale);
  // Older campaigns (the demo seed's) name no audience: it is their instrument's.
  const audience = (c: Campaign) => {
    const respondent = instruments.find((i) => i.id === c.instrumentId)?.respondentType;
    return c.audience ?? (respondent ? audienceOf[respondent] : undefined);
  };

  return (
    <AccountFrame title={t('title')}>
      <div className="campaign-toolbar no-print">
        <a className="button" href="/campaigns?plan">
          {t('plan')}
        </a>
        <button type="button" className="button-quiet" onClick={() => window.print()}>
          {t('print')}
        </button>
        {administrator && (
          <a className="button-quiet audit-link" href="/campaigns?audit">
            {t('audit.open')}
          </a>
        )}
      </div>
      <form className="campaign-filters no-print" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="filter-year">{t('schoolYear')}</label>
          <select id="filter-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {[currentSchoolYear() - 1, currentSchoolYear(), currentSchoolYear() + 1].map((y) => (
              <option key={y} value={y}>{`${y}/${String((y + 1) % 100).padStart(2, '0')}`}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-school">{t('school')}</label>
          <select id="filter-school" value={schoolId} onChange={(e) => setSchoolId(e.target.value)}>
            <option value="">{t('allSchools')}</option>
            {schools.map((s) => (
              <option key={s.id} value={s.id}>
                {schoolLabel(s, locale)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-instrument">{t('instrument')}</label>
          <select id="filter-instrument" value={instrumentId} onChange={(e) => setInstrumentId(e.target.value)}>
            <option value="">{t('allInstruments')}</option>
            {instruments.map((i) => (
              <option key={i.id} value={i.id}>
                {pick(i.title, locale)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p className="print-only">
        {t('schoolYear')} {year}/{String((year + 1) % 100).padStart(2, '0')}
        {schoolId && ` · ${schoolLabel(schoolById.get(schoolId), locale)}`}
        {instrumentId && ` · ${pick(instruments.find((i) => i.id === instrumentId)?.title, locale)}`}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!campaigns && !error && <p role="status">{t('loading')}</p>}
      {campaigns && (
        <>
          <h2>{t('calendar')}</h2>
          <div className="campaign-calendar">
            {months.map((m) => {
              const running = campaigns.filter((c) => c.opensOn <= m.last && c.closesOn >= m.first);
              return (
                <section key={m.key} className="calendar-month" aria-labelledby={`month-${m.key}`}>
                  <h3 id={`month-${m.key}`}>{capitalized(monthName.format(Date.parse(`${m.first}T00:00:00Z`)))}</h3>
                  {running.length === 0 ? (
                    <p className="calendar-empty">{t('none')}</p>
                  ) : (
                    <ul>
                      {running.map((c) => (
                        <li key={c.id}>
                          <a href={`/campaigns?id=${encodeURIComponent(c.id)}`}>{title(c)}</a> <StatusBadge status={c.status} t={t} />
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              );
            })}
          </div>
          <h2>{t('list')}</h2>
          {campaigns.length === 0 ? (
            <p>{t('nothing')}</p>
          ) : (
            <div className="table-scroll">
              <table className="campaign-table campaign-list">
                <thead>
                  <tr>
                    <th scope="col">{t('name')}</th>
                    <th scope="col">{t('status')}</th>
                    <th scope="col">{t('days')}</th>
                    <th scope="col">{t('audience')}</th>
                    <th scope="col">{t('schools')}</th>
                  </tr>
                </thead>
                <tbody>
                  {campaigns.map((c) => (
                    <tr key={c.id}>
                      <td data-label={t('name')}>
                        <a href={`/campaigns?id=${encodeURIComponent(c.id)}`}>{title(c)}</a>
                        {c.status !== 'planned' && (
                          <>
                            {' · '}
                            <a className="campaign-results-link" href={`/results?campaign=${encodeURIComponent(c.id)}`}>
                              {w('results')}
                            </a>
                          </>
                        )}
                      </td>
                      <td data-label={t('status')}>
                        <StatusBadge status={c.status} t={t} />
                      </td>
                      <td data-label={t('days')}>
                        {dayLabel(c.opensOn, locale)} – {dayLabel(c.closesOn, locale)}
                      </td>
                      <td data-label={t('audience')}>{audience(c) ? t(`audience.${audience(c)!}`) : ''}</td>
                      <td data-label={t('schools')}>{c.schoolIds.map((id) => schoolLabel(schoolById.get(id), locale, id)).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </AccountFrame>
  );
}
