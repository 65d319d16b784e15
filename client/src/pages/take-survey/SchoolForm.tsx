// A school's own form behind its link (the checklist, the monitoring form): the school's official
// return, filled in signed in by its coordinator or working group. Asks to sign in first (and comes
// back here); saves the draft on the server as it is filled (any member, any device), and says so
// when a colleague saved meanwhile; «Готово» sends it. A sent form opens read-only with «Исправить»
// while it may be corrected; a correction asks why, in words.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Survey } from 'survey-react-ui';
import { ApiError } from '../../api/http';
import type { LinkView } from '../../api/respondent';
import { fetchSchoolForm, reopenSchoolForm, saveSchoolFormDraft, sendSchoolForm, type SchoolFormState } from '../../api/school-forms';
import { Header } from '../../components/Header';
import { SignInPrompt } from '../../components/SignInPrompt';
import { errorText } from '../../errors/texts';
import { type Locale, pick, useTexts } from '../../i18n';
import { useSession } from '../../session';
import { schoolFormTexts } from './school-form-texts';
import { answersToSend, buildSurveyModel } from './survey-setup';
import { format, surveyTexts } from './texts';

const dayText = (day: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );

/** Conflict details of a draft save refused with 409: the draft someone else saved. */
interface DraftConflict {
  draft: { answers: Record<string, unknown>; updatedBy: { name: string } } | null;
  draftRevision: number;
}

export function SchoolForm({ token, view }: { token: string; view: LinkView }) {
  const [locale, t] = useTexts(schoolFormTexts);
  const localeRef = useRef<Locale>(locale);
  localeRef.current = locale;
  const { user, error: sessionError } = useSession();
  const [state, setState] = useState<SchoolFormState>();
  const [loadError, setLoadError] = useState<unknown>();
  const [correcting, setCorrecting] = useState(false);
  const [saveState, setSaveState] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const [conflict, setConflict] = useState<string>();
  const [asking, setAsking] = useState<Record<string, unknown>>();
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<{ text: string; stale: boolean }>();
  const [reopenWhy, setReopenWhy] = useState('');
  const [reopenState, setReopenState] = useState<string>();
  /** The draft revision the next save names. */
  const basedOn = useRef(0);
  /** A draft save is on its way; the save to make when it has answered (a change made meanwhile). */
  const saving = useRef(false);
  const saveAgain = useRef<() => Promise<void>>(undefined);
  /** Settles when the draft save on its way has answered («Готово» waits for it: see complete). */
  const inFlight = useRef<Promise<void>>(undefined);

  const load = useCallback(
    () =>
      fetchSchoolForm(token).then(
        (s) => {
          basedOn.current = s.draftRevision;
          setCorrecting(!!s.draft && !!s.submitted);
          setConflict(undefined);
          setState(s);
        },
        (err) => setLoadError(err),
      ),
    [token],
  );
  useEffect(() => {
    if (user) void load();
  }, [user, load]);

  const editing = !!state && state.editable && (!state.submitted || correcting);
  const built = useMemo(() => {
    if (!state) return undefined;
    const dressed = buildSurveyModel(view.instrument.survey, () => localeRef.current, window.innerWidth);
    dressed.model.data = editing ? (state.draft?.answers ?? state.submitted?.answers ?? {}) : (state.submitted?.answers ?? {});
    if (!editing) dressed.model.mode = 'display';
    return dressed;
  }, [state, editing, view]);
  const model = built?.model;
  const shownModel = useRef(model);
  shownModel.current = model;

  useEffect(() => {
    if (!model) return;
    model.locale = locale === 'ru' ? '' : locale;
    model.completeText = t('complete');
  }, [model, locale, t]);

  const send = useCallback(
    async (answers: Record<string, unknown>, why?: string) => {
      if (!state || !model) return;
      setSending(true);
      setSendError(undefined);
      try {
        await sendSchoolForm(state.campaign.id, state.schoolId, answers, state.submitted?.revision ?? 0, why);
        setAsking(undefined);
        setReason('');
        await load();
        window.scrollTo(0, 0);
      } catch (err) {
        const field = err instanceof ApiError ? err.field?.replace(/^answers\./, '') : undefined;
        const question = field ? model.getQuestionByName(field) : undefined;
        const title = question ? question.locTitle.renderedHtml.replace(/<[^>]+>/g, '') : field;
        setSendError({ text: errorText(locale, err, title), stale: err instanceof ApiError && err.code === 'school_form.stale' });
        setAsking(undefined);
        model.clear(false, false);
        setTimeout(() => question?.focus(), 0);
      } finally {
        setSending(false);
      }
    },
    [state, model, load, locale],
  );

  // Saved as it is filled, a second after the last change, one save at a time: a change made while
  // a save is on its way is saved when that save has answered, based on the revision it made (two
  // saves of this page sent together would both name the same revision, and the later one would be
  // refused as if someone else had saved). A save someone else's save overtook shows theirs.
  useEffect(() => {
    if (!built || !model || !state || !editing) return;
    let timer: number | undefined;
    const save = async () => {
      // Sent («Готово» pressed): no draft after it, which would turn the sent form back into a correction.
      if (model.state === 'completed') return;
      if (saving.current) {
        saveAgain.current = save;
        return;
      }
      saving.current = true;
      let answered = () => {};
      inFlight.current = new Promise<void>((resolve) => (answered = resolve));
      setSaveState('saving');
      try {
        const saved = await saveSchoolFormDraft(state.campaign.id, state.schoolId, answersToSend(model.data, built.shape), basedOn.current);
        // Revisions only grow: a reply arriving after the form was read again does not take it back.
        basedOn.current = Math.max(basedOn.current, saved.revision);
        setSaveState('saved');
      } catch (err) {
        if (err instanceof ApiError && err.code === 'school_form.draft_conflict') {
          const current = err.details as DraftConflict;
          basedOn.current = Math.max(basedOn.current, current.draftRevision);
          // The page shows their draft: changes made here meanwhile were made on top of the replaced one.
          if (saveAgain.current === save) saveAgain.current = undefined;
          // Unless the form was read again meanwhile (sent, reloaded): then the page already shows what is current.
          if (shownModel.current === model) {
            if (current.draft) model.data = current.draft.answers;
            setConflict(format(t('conflict'), current.draft?.updatedBy.name ?? '—'));
          }
          setSaveState('idle');
        } else setSaveState('failed');
      } finally {
        saving.current = false;
        inFlight.current = undefined;
        answered();
        const next = saveAgain.current;
        saveAgain.current = undefined;
        if (next) void next();
      }
    };
    const changed = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void save(), 1000);
    };
    const complete = () => {
      window.clearTimeout(timer);
      if (saveAgain.current === save) saveAgain.current = undefined;
      const answers = answersToSend(model.data, built.shape);
      // A draft save on its way is answered first: sent after it, the form is never taken back into a
      // draft by a save the server happens to handle later.
      void (inFlight.current ?? Promise.resolve()).then(() => {
        if (state.submitted) setAsking(answers);
        else void send(answers);
      });
    };
    // A new page: its heading takes the focus, so a screen reader and the keyboard start at its top.
    const onPage = () =>
      setTimeout(() => {
        const heading = document.querySelector<HTMLElement>('.school-form .sd-page__title');
        if (heading) {
          heading.tabIndex = -1;
          heading.focus({ preventScroll: false });
        }
      }, 0);
    model.onValueChanged.add(changed);
    model.onComplete.add(complete);
    model.onCurrentPageChanged.add(onPage);
    return () => {
      window.clearTimeout(timer);
      if (saveAgain.current === save) saveAgain.current = undefined;
      model.onValueChanged.remove(changed);
      model.onComplete.remove(complete);
      model.onCurrentPageChanged.remove(onPage);
    };
  }, [built, model, state, editing, send, t]);

  const title = pick(view.instrument.title, locale);
  useEffect(() => {
    document.title = `${title} — ${surveyTexts[locale].titleSuffix}`;
  }, [title, locale]);
  const schoolName = view.school ? pick(view.school.name, locale) : undefined;
  const next = `/sign-in?next=${encodeURIComponent(window.location.pathname)}`;
  const last = state?.submitted;

  return (
    <>
      <Header subtitle={schoolName} />
      <main id="main" className="survey-page school-form">
        <h1 className="survey-title">{title}</h1>
        {(user === undefined || (user && !state && !loadError)) && !sessionError && (
          <p className="page-status" role="status">
            {t('loading')}
          </p>
        )}
        {user === null && (
          <section className="notice">
            <SignInPrompt text={t('signIn')} link={t('goSignIn')} href={next} />
          </section>
        )}
        {!!(loadError || sessionError) && (
          <p className="notice notice-error" role="alert">
            {errorText(locale, loadError ?? sessionError)}
          </p>
        )}
        {state && model && (
          <>
            <p className="anonymous-note">{t('officialNote')}</p>
            {last && !editing && (
              <section className="notice notice-info" aria-labelledby="sent-title">
                <h2 id="sent-title">{t('sentTitle')}</h2>
                {last.by && <p>{format(t('sentBy'), String(last.revision), last.by.name, dayText(last.day, locale))}</p>}
                {state.editable && (
                  <button type="button" onClick={() => setCorrecting(true)}>
                    {t('correct')}
                  </button>
                )}
              </section>
            )}
            {!last && !editing && <p className="notice">{t('nothingSent')}</p>}
            {state.window === 'closed' && <p className="notice">{t('closedNote')}</p>}
            {state.window === 'not-open' && <p className="notice">{t('notOpenNote')}</p>}
            {state.window === 'reopened' && <p className="notice notice-info">{t('reopenedNote')}</p>}
            {state.access === 'read' && <p className="notice">{t('readOnlyNote')}</p>}
            {state.access === 'read' &&
              state.window === 'closed' &&
              last &&
              (user?.role === 'cluster-coordinator' || user?.role === 'administrator') && (
                <form
                  className="notice reopen-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    reopenSchoolForm(state.campaign.id, state.schoolId, reopenWhy.trim() || undefined).then(
                      () => {
                        setReopenState(t('reopened'));
                        void load();
                      },
                      (err) => setReopenState(errorText(locale, err)),
                    );
                  }}
                >
                  <label htmlFor="reopen-reason">{t('reopenReason')}</label>
                  <textarea id="reopen-reason" rows={2} maxLength={2000} value={reopenWhy} onChange={(e) => setReopenWhy(e.target.value)} />
                  <p>
                    <button type="submit">{t('reopen')}</button>
                  </p>
                </form>
              )}
            {reopenState && <p role="status">{reopenState}</p>}
            {editing && last && <p className="notice notice-info">{t('correcting')}</p>}
            {conflict && (
              <p className="notice notice-info" role="alert">
                {conflict}
              </p>
            )}
            {sendError && (
              <div className="notice notice-error" role="alert">
                <p>
                  {t('sendFailed')} {sendError.text}
                </p>
                {sendError.stale && (
                  <button type="button" onClick={() => void load()}>
                    {t('reload')}
                  </button>
                )}
              </div>
            )}
            {asking && (
              <form
                className="notice correction-reason"
                onSubmit={(e) => {
                  e.preventDefault();
                  void send(asking, reason);
                }}
              >
                <label htmlFor="correction-reason">{t('reasonLabel')}</label>
                <p id="correction-reason-hint" className="field-hint">
                  {t('reasonHint')}
                </p>
                <textarea
                  id="correction-reason"
                  aria-describedby="correction-reason-hint"
                  required
                  maxLength={2000}
                  rows={3}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
                <p>
                  <button type="submit" disabled={sending || reason.trim() === ''}>
                    {t('sendCorrection')}
                  </button>{' '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setAsking(undefined);
                      model.clear(false, false);
                    }}
                  >
                    {t('cancel')}
                  </button>
                </p>
              </form>
            )}
            <div hidden={!!asking}>
              <Survey model={model} />
            </div>
            {editing && (
              <p role="status" className="page-status">
                {sending
                  ? t('sending')
                  : saveState === 'saving'
                    ? t('saving')
                    : saveState === 'saved'
                      ? t('savedAs')
                      : saveState === 'failed'
                        ? t('saveFailed')
                        : ''}
              </p>
            )}
            {state.revisions.length > 0 && (
              <section aria-labelledby="revisions-title">
                <h2 id="revisions-title">{t('revisionList')}</h2>
                <ol className="form-revisions">
                  {state.revisions.map((r) => (
                    <li key={r.revision}>
                      {format(t('revision'), String(r.revision), r.by.name, dayText(r.day, locale))}
                      {r.reason ? `: «${r.reason}»` : ''}
                    </li>
                  ))}
                </ol>
              </section>
            )}
            <p>
              <a href="/account">{t('back')}</a>
            </p>
          </>
        )}
      </main>
    </>
  );
}
