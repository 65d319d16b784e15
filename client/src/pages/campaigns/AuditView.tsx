// The administrator's audit log (/campaigns?audit): every recorded change to a campaign — who,
// when (in the cluster's time zone), what changed, before → after — newest first, filterable by
// campaign (?audit=<campaignId> opens it filtered).
import { useEffect, useState } from 'react';
import {
  AuditActor,
  AuditEntryView,
  CampaignView as Campaign,
  fetchAudit,
  fetchCampaignAudit,
  fetchInstruments,
  type InstrumentSummary,
  listCampaigns,
} from '../../api/campaigns';
import { fetchSchools, type SchoolView } from '../../api/schools';
import { Locale, pick, useTexts } from '../../i18n';
import { AccountFrame } from '../../components/AccountFrame';
import { problemOf, schoolLabel } from './common';
import { CampaignTextKey, campaignTexts } from './texts';
import { dayText } from '../../dates';

const LIMIT = 500;

/** A recorded value as a reader sees it: a day, a list, a name, or "—" for nothing. */
function valueText(value: unknown, locale: Locale, none: string): string {
  if (value === null || value === undefined || value === '') return none;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return dayText(value, locale);
  if (Array.isArray(value)) return value.length ? value.map((v) => valueText(v, locale, none)).join(', ') : none;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.default === 'string') return pick(v as { default: string; en?: string }, locale);
    if (typeof v.name === 'string') return v.name;
    return Object.entries(v)
      .map(([k, x]) => `${k}: ${valueText(x, locale, none)}`)
      .join('; ');
  }
  return String(value);
}

export function AuditView({ campaignId: initial, everyCampaign = true }: { campaignId?: string; everyCampaign?: boolean }) {
  const [locale, t] = useTexts(campaignTexts);
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [campaignId, setCampaignId] = useState(initial ?? '');
  const [log, setLog] = useState<{ timeZone: string; entries: AuditEntryView[] }>();
  // What failed, worded when drawn: the words follow a change of language.
  const [failure, setFailure] = useState<{ err: unknown }>();
  const [schools, setSchools] = useState<SchoolView[]>([]);
  const [instruments, setInstruments] = useState<InstrumentSummary[]>([]);

  useEffect(() => {
    listCampaigns({}).then(
      (r) => {
        setCampaigns(r.campaigns);
        // Only an administrator reads every campaign's log at once; others read one campaign's.
        if (!everyCampaign) setCampaignId((id) => id || r.campaigns[r.campaigns.length - 1]?.id || '');
      },
      () => undefined,
    );
    fetchSchools().then(
      (r) => setSchools(r.schools),
      () => undefined,
    );
    fetchInstruments().then(
      (r) => setInstruments(r.instruments),
      () => undefined,
    );
  }, [everyCampaign]);
  useEffect(() => {
    setLog(undefined);
    if (!everyCampaign && !campaignId) return;
    (everyCampaign ? fetchAudit({ campaignId: campaignId || undefined, limit: LIMIT }) : fetchCampaignAudit(campaignId)).then(
      (r) => {
        setFailure(undefined);
        setLog(r);
      },
      (err) => setFailure({ err }),
    );
  }, [campaignId, everyCampaign]);
  const error = failure && problemOf(failure.err, t, locale).text;

  const when = (at: string) =>
    new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', {
      timeZone: log?.timeZone,
      dateStyle: 'long',
      timeStyle: 'short',
    }).format(new Date(at));
  const who = (actor: AuditActor) =>
    actor.kind === 'user' ? actor.name || actor.userId : actor.kind === 'administrator' ? t('audit.actor.token') : t('audit.actor.system');
  const fieldName = (field: string) => {
    const [base, inner] = field.split('.');
    const key = `field.${base}` as CampaignTextKey;
    const label = key in campaignTexts.ru ? t(key) : base;
    if (!inner) return label;
    // Inside a field: a school (targets, classes by school) or a part of the responsible person.
    const school = schools.find((x) => x.id === inner);
    const part = `field.part.${inner}` as CampaignTextKey;
    return `${label} (${school ? schoolLabel(school, locale) : part in campaignTexts.ru ? t(part) : inner})`;
  };
  const none = t('none');
  /** A value in the reader's words where Mera knows them: schools by name, statuses and audiences translated. */
  const shown = (field: string, value: unknown): string => {
    const school = (id: unknown) => schools.find((x) => x.id === id);
    if (field === 'schoolIds' && Array.isArray(value))
      return value.length ? value.map((id) => (school(id) ? schoolLabel(school(id)!, locale) : String(id))).join(', ') : none;
    // An instrument by its title, not its id (`parent-survey`).
    if (field === 'instrumentId' && typeof value === 'string') {
      const instrument = instruments.find((i) => i.id === value);
      if (instrument) return pick(instrument.title, locale);
    }
    for (const kind of ['status', 'audience', 'stage'] as const) {
      const key = `${kind}.${String(value)}` as CampaignTextKey;
      if (field === kind && key in campaignTexts.ru) return t(key);
    }
    return valueText(value, locale, none);
  };

  return (
    <AccountFrame title={t('audit.title')}>
      <p className="no-print">
        <a href="/campaigns">{t('back')}</a>
      </p>
      <form className="campaign-filters no-print" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="audit-campaign">{t('audit.campaign')}</label>
          <select id="audit-campaign" value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
            {everyCampaign && <option value="">{t('audit.allCampaigns')}</option>}
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {pick(c.title, locale)} ({dayText(c.opensOn, locale)})
              </option>
            ))}
          </select>
        </div>
      </form>
      {log && (
        <p className="hint">
          {t('audit.timeZone')} {log.timeZone}. {log.entries.length === LIMIT ? t('audit.latest') : ''}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!log && !error && <p role="status">{t('loading')}</p>}
      {log?.entries.length === 0 && <p>{t('audit.nothing')}</p>}
      {!!log?.entries.length && (
        <div className="table-scroll">
          <table className="campaign-table audit-table">
            <caption className="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                {!campaignId && <th scope="col">{t('audit.campaign')}</th>}
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {log.entries.map((e) => (
                <tr key={`${e.campaignId}:${e.revision}:${e.at}`}>
                  <td>
                    <time dateTime={e.at}>{when(e.at)}</time>
                  </td>
                  <td>{who(e.actor)}</td>
                  {!campaignId && (
                    <td>
                      <a href={`/campaigns?id=${encodeURIComponent(e.campaignId)}`}>
                        {e.campaignTitle ? pick(e.campaignTitle, locale) : e.campaignId}
                      </a>
                    </td>
                  )}
                  <td>{t(`audit.action.${e.action}`)}</td>
                  <td>
                    {e.changes.length === 0 ? (
                      none
                    ) : (
                      <ul className="audit-changes">
                        {e.changes.map((c) => (
                          <li key={c.field}>
                            <span className="audit-field">{fieldName(c.field)}:</span> {shown(c.field, c.before)}{' '}
                            <span aria-label={t('audit.to')}>→</span> {shown(c.field, c.after)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AccountFrame>
  );
}
