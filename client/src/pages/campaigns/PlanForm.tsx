// Planning a campaign, or changing its plan (?edit=<id>): instrument, audience (the instrument's),
// schools with a target each and, for anonymous surveys, classes with a link each; days; the
// responsible person picked from the cluster's (or school's) users; reminder days (surveys of
// people with accounts); the checklist's stage or the monitoring form's reporting year. Once a
// campaign is open, schools can be added (each with its target and classes) and the targets, name,
// responsible person, closing day and reminders change; the instrument, opening day, period and the
// schools already taking part are shown read-only with the reason. The server checks everything;
// its errors appear beside the field they name (and the school they name), in the page's language.
import { FormEvent, useEffect, useState } from 'react';
import { fetchUsers, UserView } from '../../api/accounts';
import { ApiError } from '../../api/http';
import {
  audienceOf,
  CampaignChange,
  CampaignPlan,
  CampaignView,
  fetchCampaign,
  fetchInstruments,
  InstrumentSummary,
  planCampaign,
  updateCampaign,
} from '../../api/campaigns';
import { fetchSchools, type SchoolView } from '../../api/schools';
import { pick, useTexts } from '../../i18n';
import { AccountFrame } from '../../components/AccountFrame';
import { Field } from '../../components/Field';
import { useSession } from '../../session';
import { problemOf, schoolLabel, today } from './common';
import { campaignTexts } from './texts';

/** The responsible person's select: a user's id, or this value for "another person (a name)". */
const OTHER = '__other__';

const splitClasses = (text: string) =>
  text
    .split(/[,;]/)
    .map((c) => c.trim())
    .filter(Boolean);

export function PlanForm({ editId }: { editId?: string }) {
  const [locale, t] = useTexts(campaignTexts);
  const [schools, setSchools] = useState<SchoolView[]>([]);
  const [instruments, setInstruments] = useState<InstrumentSummary[]>([]);
  const [users, setUsers] = useState<UserView[]>([]);
  const [original, setOriginal] = useState<CampaignView>();
  // "Plan a campaign" from the Instruments screen names the instrument (?plan&instrument=<id>).
  const [instrumentId, setInstrumentId] = useState(() => new URLSearchParams(window.location.search).get('instrument') ?? '');
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [targets, setTargets] = useState<Record<string, string>>({});
  const [classes, setClasses] = useState<Record<string, string>>({});
  const [opensOn, setOpensOn] = useState(today());
  const [closesOn, setClosesOn] = useState(today(14));
  const [responsibleUser, setResponsibleUser] = useState('');
  const [responsibleName, setResponsibleName] = useState('');
  const [reminders, setReminders] = useState<string[]>([]);
  const [stage, setStage] = useState('october');
  const [reportingYear, setReportingYear] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ text: string; field?: string }>();
  // Known already: the campaigns page shows this form only to someone signed in.
  const { user } = useSession();

  useEffect(() => {
    fetchSchools().then(
      (r) => setSchools(r.schools),
      (err) => setProblem(problemOf(err, t, locale)),
    );
    const instrumentsLoaded = fetchInstruments().then((r) => {
      setInstruments(r.instruments);
      return r.instruments;
    });
    // The people who may be responsible: the users this coordinator sees (their school's, or the cluster's).
    const usersLoaded = fetchUsers().then(
      (r) => r.users.filter((u) => u.active),
      () => [] as UserView[],
    );
    Promise.all([instrumentsLoaded, usersLoaded, editId ? fetchCampaign(editId) : Promise.resolve(undefined)]).then(
      ([list, people, campaign]) => {
        setUsers(people);
        if (!campaign) {
          setInstrumentId((id) => id || list[0]?.id || '');
          // The signed-in coordinator by default, unless a choice was made while the lists loaded.
          setResponsibleUser((chosen) => chosen || (user && people.some((p) => p.id === user.id) ? user.id : (people[0]?.id ?? OTHER)));
          return;
        }
        fill(campaign, people);
      },
      (err) => setProblem(problemOf(err, t, locale)),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- not locale or t: a change of language must not reset the form being filled in
  }, [editId]);

  const instrument = instruments.find((i) => i.id === instrumentId);
  const isOpen = original?.status === 'open';
  const isClosed = original?.status === 'closed';
  /** The instrument, audience, opening day and period stay as they are once a campaign is open. */
  const locked = isOpen || isClosed;
  /** A school already taking part in an open campaign: it stays, with its classes. */
  const taking = (schoolId: string) => locked && !!original?.schoolIds.includes(schoolId);
  /** The error of a field; one about one school's part of it (targets.<school>, classes.<school>) names the school (issue 26, item 8). */
  const errorFor = (field: string) => {
    const [base, schoolId] = problem?.field?.split('.') ?? [];
    if (base !== field || !problem) return undefined;
    const school = schoolId ? schools.find((s) => s.id === schoolId) : undefined;
    return school ? `${schoolLabel(school, locale)}: ${problem.text}` : problem.text;
  };

  /** The school an error about one school's part of the plan names (schoolIds.<id>, targets.<id>, classes.<id>): shown in its row. */
  const [problemBase, fieldSchool] = problem?.field?.split('.') ?? [];
  const problemSchool = schools.some((s) => s.id === fieldSchool) ? fieldSchool : undefined;
  const rowError = (schoolId: string) =>
    problemSchool === schoolId && ['schoolIds', 'targets', 'classes'].includes(problemBase) ? errorFor(problemBase) : undefined;

  function planFromForm(): CampaignPlan | undefined {
    if (!instrument) return undefined;
    const plan: CampaignPlan = {
      instrumentId: instrument.id,
      instrumentVersion: original?.instrumentId === instrument.id ? original.instrumentVersion : instrument.version,
      audience: audienceOf[instrument.respondentType],
      schoolIds: chosen,
      opensOn,
      closesOn,
      responsible: responsibleUser && responsibleUser !== OTHER ? { userId: responsibleUser } : { name: responsibleName },
    };
    // One name written by the coordinator serves both languages.
    if (title.trim()) plan.title = { default: title.trim(), en: title.trim() };
    const givenTargets = Object.fromEntries(chosen.filter((id) => targets[id]?.trim()).map((id) => [id, Number(targets[id])]));
    if (Object.keys(givenTargets).length) plan.targets = givenTargets;
    const givenClasses = Object.fromEntries(chosen.map((id) => [id, splitClasses(classes[id] ?? '')]).filter(([, list]) => list.length));
    if (instrument.anonymous && Object.keys(givenClasses).length) plan.classes = givenClasses;
    if (!instrument.anonymous && reminders.some(Boolean)) plan.reminders = reminders.filter(Boolean);
    if (instrument.id === 'school-checklist') plan.stage = stage;
    if (instrument.id === 'school-monitoring') plan.reportingYear = reportingYear;
    return plan;
  }

  /** What differs from the stored plan; null removes what the form no longer gives. */
  function changeFrom(before: CampaignView, plan: CampaignPlan): CampaignChange {
    const optional = ['title', 'targets', 'classes', 'stage', 'reportingYear', 'reminders'] as const;
    const stored: Record<string, unknown> = {
      instrumentId: before.instrumentId,
      instrumentVersion: before.instrumentVersion,
      audience: before.audience,
      schoolIds: before.schoolIds,
      opensOn: before.opensOn,
      closesOn: before.closesOn,
      title: before.title,
      targets: Object.keys(before.targets).length ? before.targets : undefined,
      classes: Object.keys(before.classes ?? {}).length ? before.classes : undefined,
      stage: before.stage ?? undefined,
      reportingYear: before.reportingYear ?? undefined,
      reminders: before.reminders?.length ? before.reminders : undefined,
    };
    const change: Record<string, unknown> = {};
    // Every field: those fixed once open are shown read-only, so they never differ.
    const keys = [...Object.keys(stored), 'responsible'] as (keyof CampaignPlan)[];
    for (const key of keys) {
      const value = plan[key as keyof CampaignPlan];
      if (key === 'responsible') {
        const r = before.responsible ?? {};
        const same = 'userId' in plan.responsible ? plan.responsible.userId === r.userId : !r.userId && plan.responsible.name === r.name;
        if (!same) change.responsible = plan.responsible;
        continue;
      }
      // The title field shows the stored name in the page's language: unchanged text keeps it as it is.
      if (key === 'title' && title.trim() === pick(before.title, locale)) continue;
      if (JSON.stringify(value) === JSON.stringify(stored[key])) continue;
      change[key] = value === undefined && (optional as readonly string[]).includes(key) ? null : value;
    }
    return change as CampaignChange;
  }

  /** Shows a stored campaign's plan in the form (on load, and when a save met a newer revision). */
  function fill(campaign: CampaignView, people: UserView[]) {
    setOriginal(campaign);
    setInstrumentId(campaign.instrumentId);
    setTitle(pick(campaign.title, locale));
    setChosen(campaign.schoolIds);
    setTargets(Object.fromEntries(Object.entries(campaign.targets).map(([k, v]) => [k, String(v)])));
    setClasses(Object.fromEntries(Object.entries(campaign.classes ?? {}).map(([k, v]) => [k, v.join(', ')])));
    setOpensOn(campaign.opensOn);
    setClosesOn(campaign.closesOn);
    const id = campaign.responsible?.userId;
    setResponsibleUser(id && people.some((p) => p.id === id) ? id : OTHER);
    setResponsibleName(campaign.responsible?.name ?? '');
    setReminders(campaign.reminders ?? []);
    if (campaign.stage) setStage(campaign.stage);
    if (campaign.reportingYear) setReportingYear(campaign.reportingYear);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const plan = planFromForm();
    if (!plan) return;
    setBusy(true);
    setProblem(undefined);
    try {
      let id: string;
      if (original) {
        const change = changeFrom(original, plan);
        id = original.id;
        if (Object.keys(change).length) await updateCampaign(id, change, original.revision);
      } else {
        id = (await planCampaign(plan)).id;
      }
      window.location.assign(`/campaigns?id=${encodeURIComponent(id)}`);
    } catch (err) {
      // Someone saved the campaign meanwhile: the form shows its plan as it stands now, and says so.
      const current =
        err instanceof ApiError && err.code === 'campaign.changed' ? (err.details as { campaign?: CampaignView })?.campaign : undefined;
      if (current) {
        fill(current, users);
        setProblem({ text: t('changedMeanwhile') });
      } else setProblem(problemOf(err, t, locale));
      setBusy(false);
    }
  }

  const fieldError = (field: string) => {
    const text = errorFor(field);
    return text ? (
      <p className="form-error" id={`plan-${field}-error`}>
        {text}
      </p>
    ) : null;
  };
  const known = [
    'instrumentId',
    'instrumentVersion',
    'audience',
    'schoolIds',
    'targets',
    'classes',
    'opensOn',
    'closesOn',
    'responsible',
    'title',
    'stage',
    'reportingYear',
    'reminders',
  ];
  const general = problem && !known.includes(problem.field?.split('.')[0] ?? '') ? problem.text : undefined;
  const pageTitle = editId ? t('editTitle') : t('planTitle');

  if (editId && !original) {
    return (
      <AccountFrame title={pageTitle}>
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
  if (isClosed) {
    return (
      <AccountFrame title={pageTitle}>
        <p>
          <a href={`/campaigns?id=${encodeURIComponent(original!.id)}`}>{t('backToCampaign')}</a>
        </p>
        <p>{t('closedNoEdit')}</p>
      </AccountFrame>
    );
  }
  const userLabel = (u: UserView) => `${u.name || u.email}${u.name ? ` (${u.email})` : ''} — ${t(`role.${u.role}`)}`;

  return (
    <AccountFrame title={pageTitle}>
      <p className="no-print">
        {original ? (
          <a href={`/campaigns?id=${encodeURIComponent(original.id)}`}>{t('backToCampaign')}</a>
        ) : (
          <a href="/campaigns">{t('back')}</a>
        )}
      </p>
      {/* A school coordinator plans for their own school only: no school to add. */}
      {isOpen && <p className="hint">{t(user?.role === 'school-coordinator' ? 'openEditHintOneSchool' : 'openEditHint')}</p>}
      <form className="account-form campaign-plan" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="plan-instrumentId">{t('instrument')}</label>
        <select
          id="plan-instrumentId"
          value={instrumentId}
          onChange={(e) => setInstrumentId(e.target.value)}
          disabled={locked}
          aria-invalid={errorFor('instrumentId') || errorFor('instrumentVersion') ? true : undefined}
          aria-describedby={
            errorFor('instrumentId')
              ? 'plan-instrumentId-error'
              : errorFor('instrumentVersion')
                ? 'plan-instrumentVersion-error'
                : locked
                  ? 'plan-fixed-hint'
                  : undefined
          }
        >
          {instruments.map((i) => (
            <option key={i.id} value={i.id}>
              {pick(i.title, locale)}
            </option>
          ))}
        </select>
        {fieldError('instrumentId')}
        {fieldError('instrumentVersion')}
        {instrument && (
          <p className="hint">
            {t('audience')}: {t(`audience.${audienceOf[instrument.respondentType]}`)}
          </p>
        )}
        {locked && (
          <p className="hint" id="plan-fixed-hint">
            {t('openFixedHint')}
          </p>
        )}
        {fieldError('audience')}

        <Field
          id="plan-title"
          label={t('campaignTitle')}
          value={title}
          onChange={setTitle}
          hint={t('titleHint')}
          error={errorFor('title')}
        />

        <fieldset
          className="plan-schools"
          aria-describedby={
            problemSchool
              ? undefined
              : ['schoolIds', 'targets', 'classes']
                  .filter((f) => errorFor(f))
                  .map((f) => `plan-${f}-error`)
                  .join(' ') || undefined
          }
        >
          <legend>{t('schools')}</legend>
          {isOpen && (
            <p className="hint" id="plan-schools-hint">
              {t('openSchoolsHint')}
            </p>
          )}
          {schools.map((s) => {
            const on = chosen.includes(s.id);
            const stays = taking(s.id);
            return (
              <div key={s.id} className="plan-school">
                <label className="check">
                  <input
                    type="checkbox"
                    checked={on}
                    disabled={stays}
                    aria-invalid={problem?.field === `schoolIds.${s.id}` ? true : undefined}
                    aria-describedby={
                      [stays ? 'plan-schools-hint' : '', rowError(s.id) ? `plan-school-${s.id}-error` : ''].filter(Boolean).join(' ') ||
                      undefined
                    }
                    onChange={(e) => setChosen((c) => (e.target.checked ? [...c, s.id] : c.filter((x) => x !== s.id)))}
                  />
                  {schoolLabel(s, locale)}
                  {stays && <span className="plan-taking">— {t('taking')}</span>}
                </label>
                {on && (
                  <span className="plan-target">
                    <label htmlFor={`plan-target-${s.id}`}>{t('targets')}</label>
                    <input
                      id={`plan-target-${s.id}`}
                      type="number"
                      min={1}
                      inputMode="numeric"
                      value={targets[s.id] ?? ''}
                      onChange={(e) => setTargets((m) => ({ ...m, [s.id]: e.target.value }))}
                      aria-invalid={problem?.field === `targets.${s.id}` ? true : undefined}
                      aria-describedby={problem?.field === `targets.${s.id}` ? `plan-school-${s.id}-error` : undefined}
                    />
                  </span>
                )}
                {on && instrument?.anonymous && (!stays || classes[s.id]) && (
                  <span className="plan-target">
                    <label htmlFor={`plan-classes-${s.id}`}>{t('classes')}</label>
                    <input
                      id={`plan-classes-${s.id}`}
                      value={classes[s.id] ?? ''}
                      placeholder="5А, 5Б, 6А"
                      disabled={stays}
                      onChange={(e) => setClasses((m) => ({ ...m, [s.id]: e.target.value }))}
                      aria-describedby={`plan-classes-hint${problem?.field === `classes.${s.id}` ? ` plan-school-${s.id}-error` : ''}`}
                      aria-invalid={problem?.field === `classes.${s.id}` ? true : undefined}
                    />
                  </span>
                )}
                {rowError(s.id) && (
                  <p className="form-error" id={`plan-school-${s.id}-error`}>
                    {rowError(s.id)}
                  </p>
                )}
              </div>
            );
          })}
          {instrument?.anonymous && (
            <p className="hint" id="plan-classes-hint">
              {t('classesHint')} {isOpen && t('openClassesHint')}
            </p>
          )}
          {!problemSchool && fieldError('schoolIds')}
          {!problemSchool && fieldError('targets')}
          {!problemSchool && fieldError('classes')}
        </fieldset>

        <Field
          id="plan-opensOn"
          type="date"
          label={t('opensOn')}
          value={opensOn}
          onChange={setOpensOn}
          error={errorFor('opensOn')}
          disabled={locked}
          hint={locked ? t('openFixedHint') : undefined}
          required
        />
        <Field
          id="plan-closesOn"
          type="date"
          label={t('closesOn')}
          value={closesOn}
          onChange={setClosesOn}
          error={errorFor('closesOn')}
          required
        />

        <label htmlFor="plan-responsible">{t('responsible')}</label>
        <select
          id="plan-responsible"
          value={responsibleUser}
          onChange={(e) => setResponsibleUser(e.target.value)}
          aria-invalid={errorFor('responsible') && responsibleUser !== OTHER ? true : undefined}
          aria-describedby={errorFor('responsible') && responsibleUser !== OTHER ? 'plan-responsible-error' : undefined}
        >
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {userLabel(u)}
            </option>
          ))}
          <option value={OTHER}>{t('responsibleOther')}</option>
        </select>
        {responsibleUser === OTHER ? (
          <Field
            id="plan-responsibleName"
            label={t('responsibleName')}
            value={responsibleName}
            onChange={setResponsibleName}
            error={errorFor('responsible')}
            autoComplete="name"
            required
          />
        ) : (
          fieldError('responsible')
        )}

        {instrument && !instrument.anonymous && (
          <fieldset className="plan-reminders" aria-describedby={errorFor('reminders') ? 'plan-reminders-error' : 'plan-reminders-hint'}>
            <legend>{t('reminders')}</legend>
            <p className="hint" id="plan-reminders-hint">
              {t('remindersHint')}
            </p>
            {reminders.map((day, i) => (
              <div key={i} className="plan-reminder">
                <label htmlFor={`plan-reminder-${i}`}>
                  {t('reminderDay')} {i + 1}
                </label>
                <input
                  id={`plan-reminder-${i}`}
                  type="date"
                  value={day}
                  min={opensOn}
                  max={closesOn}
                  onChange={(e) => setReminders((list) => list.map((d, j) => (j === i ? e.target.value : d)))}
                  aria-invalid={errorFor('reminders') ? true : undefined}
                />
                <button type="button" className="button-quiet" onClick={() => setReminders((list) => list.filter((_, j) => j !== i))}>
                  {t('removeReminder')}
                  <span className="visually-hidden"> {i + 1}</span>
                </button>
              </div>
            ))}
            <button type="button" className="button-quiet" onClick={() => setReminders((list) => [...list, ''])}>
              {t('addReminder')}
            </button>
            {fieldError('reminders')}
          </fieldset>
        )}

        {instrument?.id === 'school-checklist' && (
          <>
            <label htmlFor="plan-stage">{t('stage')}</label>
            <select
              id="plan-stage"
              value={stage}
              onChange={(e) => setStage(e.target.value)}
              disabled={locked}
              aria-describedby={locked ? 'plan-fixed-hint' : undefined}
            >
              {(['october', 'january', 'june'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`stage.${s}`)}
                </option>
              ))}
            </select>
            {fieldError('stage')}
          </>
        )}
        {instrument?.id === 'school-monitoring' && (
          <Field
            id="plan-reportingYear"
            label={t('reportingYear')}
            value={reportingYear}
            onChange={setReportingYear}
            disabled={locked}
            hint={locked ? t('openFixedHint') : t('reportingYearHint')}
            error={errorFor('reportingYear')}
            required
          />
        )}
        {general && (
          <p className="form-error" role="alert">
            {general}
          </p>
        )}
        {problem && !general && (
          <p className="visually-hidden" role="alert">
            {problem.text}
          </p>
        )}
        <button type="submit" disabled={busy || !instrument}>
          {busy ? t('saving') : original ? t('saveChanges') : t('save')}
        </button>
      </form>
    </AccountFrame>
  );
}
