// One campaign: its plan, open / close / reopen, the links per school with QR code and poster,
// and the response rate per school and per class link (answers / target, %) as a table with bars,
// refreshing by itself while the page is shown: counts only.
import { Fragment, useCallback, useEffect, useState } from 'react';
import {
  CampaignView as Campaign,
  closeCampaign,
  fetchCampaign,
  fetchLinks,
  fetchResponseRates,
  LinkView,
  openCampaign,
  reopenCampaign,
  ResponseRates,
} from '../../api/campaigns';
import { fetchSchools, type SchoolView } from '../../api/schools';
import { pick, useTexts } from '../../i18n';
import { AccountFrame } from '../../components/AccountFrame';
import { Field } from '../../components/Field';
import { RatesChart } from './RatesChart';
import { dayLabel, problemOf, schoolLabel, StatusBadge } from './common';
import { campaignTexts } from './texts';
import { campaignWorkspaceTexts } from './workspace-texts';
import { useSession } from '../../session';

/** How often the response rates refresh by themselves while the page is shown. */
const REFRESH_MS = 30_000;

export function CampaignView({ id }: { id: string }) {
  const [locale, t] = useTexts(campaignTexts);
  const [, w] = useTexts(campaignWorkspaceTexts);
  const { user } = useSession();
  const [confirmClose, setConfirmClose] = useState(false);
  const [campaign, setCampaign] = useState<Campaign>();
  const [schools, setSchools] = useState<SchoolView[]>([]);
  const [links, setLinks] = useState<LinkView[]>([]);
  const [rates, setRates] = useState<ResponseRates>();
  // What failed, worded when drawn: the words follow a change of language.
  const [failure, setFailure] = useState<{ err: unknown }>();
  const [busy, setBusy] = useState(false);
  const [newClosesOn, setNewClosesOn] = useState('');
  const [refreshedAt, setRefreshedAt] = useState<Date>();
  // As the server's mayRunCampaign (server/campaigns/policies.ts): cluster-wide, or a school
  // coordinator for a campaign of their school alone. Actions that would answer 403 are not offered.
  const mayRun =
    user?.role === 'administrator' ||
    user?.role === 'cluster-coordinator' ||
    (user?.role === 'school-coordinator' &&
      !!campaign &&
      campaign.schoolIds.length > 0 &&
      campaign.schoolIds.every((s) => s === user.schoolId));

  const load = useCallback(async () => {
    try {
      const c = await fetchCampaign(id);
      setCampaign(c);
      const [l, r] = await Promise.all([c.status === 'planned' ? { links: [] } : fetchLinks(id), fetchResponseRates(id)]);
      setLinks(l.links);
      setRates(r);
    } catch (err) {
      setFailure({ err });
    }
  }, [id]);

  useEffect(() => {
    void load();
    fetchSchools().then(
      (r) => setSchools(r.schools),
      () => undefined,
    );
  }, [load]);

  // The response rates refresh by themselves every 30 s while the tab is shown (none while it is
  // hidden), and at once when it is shown again.
  const refreshRates = useCallback(async () => {
    try {
      setRates(await fetchResponseRates(id));
      setRefreshedAt(new Date());
    } catch {
      // A missed refresh is retried at the next tick; the figures shown stay.
    }
  }, [id]);
  useEffect(() => {
    let timer: number | undefined;
    const start = () => {
      window.clearInterval(timer);
      timer = document.hidden ? undefined : window.setInterval(() => void refreshRates(), REFRESH_MS);
    };
    const onVisibility = () => {
      if (!document.hidden) void refreshRates();
      start();
    };
    start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [refreshRates]);

  async function act(action: () => Promise<Campaign>) {
    setBusy(true);
    setFailure(undefined);
    try {
      await action();
      await load();
    } catch (err) {
      setFailure({ err });
    }
    setBusy(false);
  }

  const problem = failure && problemOf(failure.err, t, locale);
  if (!campaign) {
    return (
      <AccountFrame title={t('title')}>
        <p className="no-print">
          <a href="/campaigns">{t('back')}</a>
        </p>
        {problem ? (
          <p className="form-error" role="alert">
            {problem.text}
          </p>
        ) : (
          <p role="status">{t('loading')}</p>
        )}
      </AccountFrame>
    );
  }
  const schoolById = new Map(schools.map((s) => [s.id, s]));

  return (
    <AccountFrame title={pick(campaign.title, locale)}>
      <p className="no-print">
        <a href="/campaigns">{t('back')}</a>
      </p>
      <dl className="campaign-facts">
        <dt>{t('status')}</dt>
        <dd>
          <StatusBadge status={campaign.status} t={t} />
        </dd>
        <dt>{t('days')}</dt>
        <dd>
          {dayLabel(campaign.opensOn, locale)} – {dayLabel(campaign.closesOn, locale)}
        </dd>
        {campaign.audience && (
          <>
            <dt>{t('audience')}</dt>
            <dd>{t(`audience.${campaign.audience}`)}</dd>
          </>
        )}
        {campaign.responsible?.name && (
          <>
            <dt>{t('responsible')}</dt>
            <dd>{campaign.responsible.name}</dd>
          </>
        )}
        <dt>{t('schools')}</dt>
        <dd>{campaign.schoolIds.map((s) => schoolLabel(schoolById.get(s), locale, s)).join(', ')}</dd>
      </dl>

      <div className="campaign-actions no-print">
        {campaign.status !== 'planned' && (
          <a className="button-quiet campaign-results-link" href={`/results?campaign=${encodeURIComponent(id)}`}>
            {w('results')}
          </a>
        )}
        {mayRun && campaign.status !== 'closed' && (
          <a className="button-quiet edit-plan" href={`/campaigns?edit=${encodeURIComponent(id)}`}>
            {t('editPlan')}
          </a>
        )}
        {mayRun && campaign.status === 'planned' && (
          <button type="button" className="button" disabled={busy} onClick={() => void act(() => openCampaign(id))}>
            {t('open')}
          </button>
        )}
        {mayRun && campaign.status === 'open' && !confirmClose && (
          <button type="button" className="button" disabled={busy} onClick={() => setConfirmClose(true)}>
            {t('close')}
          </button>
        )}
        {mayRun && campaign.status === 'open' && confirmClose && (
          <div className="close-confirm" role="alertdialog" aria-labelledby="close-confirm-text">
            <p id="close-confirm-text">{w('closeConfirm')}</p>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => {
                setConfirmClose(false);
                void act(() => closeCampaign(id));
              }}
            >
              {w('closeYes')}
            </button>{' '}
            <button type="button" className="button-quiet" autoFocus onClick={() => setConfirmClose(false)}>
              {w('closeNo')}
            </button>
          </div>
        )}
        {campaign.status === 'closed' && campaign.closedOn && (
          <p>
            {t('closedOn')} {dayLabel(campaign.closedOn, locale)}
          </p>
        )}
        {mayRun && campaign.status === 'closed' && (
          <form
            className="account-form"
            onSubmit={(e) => {
              e.preventDefault();
              void act(() => reopenCampaign(id, newClosesOn || undefined));
            }}
          >
            <Field id="reopen-closesOn" type="date" label={t('newClosesOn')} value={newClosesOn} onChange={setNewClosesOn} />
            <button type="submit" disabled={busy}>
              {t('reopen')}
            </button>
          </form>
        )}
        {problem && (
          <p className="form-error" role="alert">
            {problem.text}
          </p>
        )}
      </div>

      <h2>{t('links')}</h2>
      {links.length === 0 ? (
        <p>{t('noLinks')}</p>
      ) : (
        <ul className="campaign-links">
          {links.map((l) => {
            const name = `${schoolLabel(l.school ? { number: l.school.number, shortName: l.school.shortName } : null, locale, l.schoolId)}${l.className ? `, ${l.className}` : ''}`;
            return (
              <li key={l.id}>
                <h3>{name}</h3>
                <img src={l.qrPng} alt={`${t('qrOf')} ${name}`} width={160} height={160} />
                <p>
                  <span className="link-label">{t('link')}: </span>
                  <a href={l.url} className="campaign-url">
                    {l.url}
                  </a>
                </p>
                <p className="no-print">
                  <a href={l.poster} target="_blank" rel="noopener">
                    {t('poster')}
                  </a>
                </p>
              </li>
            );
          })}
        </ul>
      )}

      <h2 id="rates-heading">{t('rates')}</h2>
      <p className="hint">
        {t('anonymousRates')} {t('autoRefresh')}
      </p>
      <button type="button" className="button-quiet no-print" onClick={() => void load()}>
        {t('refresh')}
      </button>
      {refreshedAt && (
        <p className="hint">
          {t('refreshedAt')}{' '}
          {refreshedAt.toLocaleTimeString(locale === 'en' ? 'en-GB' : 'ru-RU', { hour: '2-digit', minute: '2-digit', second: '2-digit' })}
        </p>
      )}
      {rates && (
        <div className="rates">
          {rates.schools.some((r) => r.rate !== null) && <RatesChart rates={rates} locale={locale} label={t('chartLabel')} />}
          <div className="table-scroll">
            <table className="campaign-table rates-table" aria-labelledby="rates-heading">
              <thead>
                <tr>
                  <th scope="col">{t('school')}</th>
                  <th scope="col">{t('answers')}</th>
                  <th scope="col">{t('target')}</th>
                  <th scope="col">{t('rate')}</th>
                </tr>
              </thead>
              <tbody>
                {rates.schools.map((r) => (
                  <Fragment key={r.schoolId}>
                    <tr>
                      <th scope="row">{schoolLabel(r, locale, r.schoolId)}</th>
                      <td>{r.answers}</td>
                      <td>{r.target ?? t('none')}</td>
                      <td>
                        <span className="rate-value">
                          {r.rate === null ? t('none') : `${r.rate.toLocaleString(locale === 'en' ? 'en-GB' : 'ru-RU')} %`}
                        </span>
                        {r.rate !== null && (
                          <span className="rate-bar" aria-hidden="true">
                            <span style={{ width: `${Math.min(100, r.rate)}%` }} />
                          </span>
                        )}
                      </td>
                    </tr>
                    {(rates.classes ?? [])
                      .filter((c) => c.schoolId === r.schoolId)
                      .map((c) => (
                        <tr key={`${c.schoolId}/${c.className}`} className="class-row">
                          <th scope="row">
                            <span className="visually-hidden">{schoolLabel(r, locale, r.schoolId)}, </span>
                            {t('classLabel')} {c.className}
                          </th>
                          <td>{c.answers}</td>
                          <td>{t('none')}</td>
                          <td>{r.answers ? `${t('shareOfSchool')} ${Math.round((100 * c.answers) / r.answers)} %` : t('none')}</td>
                        </tr>
                      ))}
                  </Fragment>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('total')}</th>
                  <td>{rates.total.answers}</td>
                  <td>{rates.total.target ?? t('none')}</td>
                  <td>
                    {rates.total.rate === null ? t('none') : `${rates.total.rate.toLocaleString(locale === 'en' ? 'en-GB' : 'ru-RU')} %`}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        </div>
      )}
    </AccountFrame>
  );
}
