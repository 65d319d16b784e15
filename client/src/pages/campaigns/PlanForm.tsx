// Planning a campaign: instrument, audience (the instrument's), schools with a target each,
// days, responsible person, and the checklist's stage or the monitoring form's reporting year.
// The server checks everything; its errors appear beside the field they name.
import { FormEvent, useEffect, useState } from 'react';
import { audienceOf, CampaignPlan, fetchInstruments, fetchSchools, InstrumentSummary, planCampaign, SchoolView } from '../../api/campaigns';
import { pick, useTexts } from '../../i18n';
import { AccountFrame, Field } from '../account/common';
import { problemOf, schoolLabel, today } from './common';
import { campaignTexts } from './texts';

export function PlanForm() {
  const [locale, t] = useTexts(campaignTexts);
  const [schools, setSchools] = useState<SchoolView[]>([]);
  const [instruments, setInstruments] = useState<InstrumentSummary[]>([]);
  const [instrumentId, setInstrumentId] = useState('');
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [targets, setTargets] = useState<Record<string, string>>({});
  const [opensOn, setOpensOn] = useState(today());
  const [closesOn, setClosesOn] = useState(today(14));
  const [responsible, setResponsible] = useState('');
  const [stage, setStage] = useState('october');
  const [reportingYear, setReportingYear] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ text: string; field?: string }>();

  useEffect(() => {
    fetchSchools().then((r) => setSchools(r.schools), (err) => setProblem(problemOf(err, t)));
    fetchInstruments().then(
      (r) => {
        setInstruments(r.instruments);
        setInstrumentId((id) => id || r.instruments[0]?.id || '');
      },
      (err) => setProblem(problemOf(err, t)),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const instrument = instruments.find((i) => i.id === instrumentId);
  const errorFor = (field: string) => (problem?.field?.split('.')[0] === field ? problem.text : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!instrument) return;
    setBusy(true);
    setProblem(undefined);
    const plan: CampaignPlan = {
      instrumentId: instrument.id,
      instrumentVersion: instrument.version,
      audience: audienceOf[instrument.respondentType],
      schoolIds: chosen,
      opensOn,
      closesOn,
      responsible: { name: responsible },
    };
    // One name written by the coordinator serves both languages.
    if (title.trim()) plan.title = { default: title.trim(), en: title.trim() };
    const givenTargets = Object.fromEntries(chosen.filter((id) => targets[id]?.trim()).map((id) => [id, Number(targets[id])]));
    if (Object.keys(givenTargets).length) plan.targets = givenTargets;
    if (instrument.id === 'school-checklist') plan.stage = stage;
    if (instrument.id === 'school-monitoring') plan.reportingYear = reportingYear;
    try {
      const created = await planCampaign(plan);
      window.location.assign(`/campaigns?id=${encodeURIComponent(created.id)}`);
    } catch (err) {
      setProblem(problemOf(err, t));
      setBusy(false);
    }
  }

  const fieldError = (field: string) => {
    const text = errorFor(field);
    return text ? <p className="form-error" id={`plan-${field}-error`}>{text}</p> : null;
  };
  const known = ['instrumentId', 'instrumentVersion', 'audience', 'schoolIds', 'targets', 'opensOn', 'closesOn', 'responsible', 'title', 'stage', 'reportingYear'];
  const general = problem && !known.includes(problem.field?.split('.')[0] ?? '') ? problem.text : undefined;

  return (
    <AccountFrame title={t('planTitle')}>
      <p className="no-print"><a href="/campaigns">{t('back')}</a></p>
      <form className="account-form campaign-plan" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="plan-instrumentId">{t('instrument')}</label>
        <select id="plan-instrumentId" value={instrumentId} onChange={(e) => setInstrumentId(e.target.value)}
          aria-invalid={errorFor('instrumentId') || errorFor('instrumentVersion') ? true : undefined}
          aria-describedby={errorFor('instrumentId') ? 'plan-instrumentId-error' : errorFor('instrumentVersion') ? 'plan-instrumentVersion-error' : undefined}>
          {instruments.map((i) => <option key={i.id} value={i.id}>{pick(i.title, locale)}</option>)}
        </select>
        {fieldError('instrumentId')}
        {fieldError('instrumentVersion')}
        {instrument && <p className="hint">{t('audience')}: {t(`audience.${audienceOf[instrument.respondentType]}`)}</p>}
        {fieldError('audience')}

        <Field id="plan-title" label={t('campaignTitle')} value={title} onChange={setTitle} hint={t('titleHint')} error={errorFor('title')} />

        <fieldset className="plan-schools" aria-describedby={errorFor('schoolIds') || errorFor('targets') ? `plan-${errorFor('schoolIds') ? 'schoolIds' : 'targets'}-error` : undefined}>
          <legend>{t('schools')}</legend>
          {schools.map((s) => {
            const on = chosen.includes(s.id);
            return (
              <div key={s.id} className="plan-school">
                <label className="check">
                  <input type="checkbox" checked={on} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, s.id] : c.filter((x) => x !== s.id)))} />
                  {schoolLabel(s, locale)}
                </label>
                {on && (
                  <span className="plan-target">
                    <label htmlFor={`plan-target-${s.id}`}>{t('targets')}</label>
                    <input id={`plan-target-${s.id}`} type="number" min={1} inputMode="numeric" value={targets[s.id] ?? ''}
                      onChange={(e) => setTargets((m) => ({ ...m, [s.id]: e.target.value }))}
                      aria-invalid={problem?.field === `targets.${s.id}` ? true : undefined} />
                  </span>
                )}
              </div>
            );
          })}
          {fieldError('schoolIds')}
          {fieldError('targets')}
        </fieldset>

        <Field id="plan-opensOn" type="date" label={t('opensOn')} value={opensOn} onChange={setOpensOn} error={errorFor('opensOn')} required />
        <Field id="plan-closesOn" type="date" label={t('closesOn')} value={closesOn} onChange={setClosesOn} error={errorFor('closesOn')} required />
        <Field id="plan-responsible" label={t('responsible')} value={responsible} onChange={setResponsible} error={errorFor('responsible')} autoComplete="name" required />

        {instrument?.id === 'school-checklist' && (
          <>
            <label htmlFor="plan-stage">{t('stage')}</label>
            <select id="plan-stage" value={stage} onChange={(e) => setStage(e.target.value)}>
              {(['october', 'january', 'june'] as const).map((s) => <option key={s} value={s}>{t(`stage.${s}`)}</option>)}
            </select>
            {fieldError('stage')}
          </>
        )}
        {instrument?.id === 'school-monitoring' && (
          <Field id="plan-reportingYear" label={t('reportingYear')} value={reportingYear} onChange={setReportingYear} hint={t('reportingYearHint')} error={errorFor('reportingYear')} required />
        )}
        {general && <p className="form-error" role="alert">{general}</p>}
        {problem && !general && <p className="visually-hidden" role="alert">{problem.text}</p>}
        <button type="submit" disabled={busy || !instrument}>{busy ? t('saving') : t('save')}</button>
      </form>
    </AccountFrame>
  );
}
