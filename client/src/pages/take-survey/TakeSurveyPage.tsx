// The respondent's page: the survey behind a link in the chosen language. Answers are kept on the
// device as the respondent goes (saved-answers.ts) and sent with a key made on the device, so a
// reload resumes, an answer made offline is sent when the connection returns, and a retry is
// stored once. Every message is in the page's language (texts.ts maps the server's error codes).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Model } from 'survey-core';
import 'survey-core/survey-core.fontless.css';
import { Survey } from 'survey-react-ui';
import { ApiError } from '../../api/http';
import { LinkView, Receipt, submitAnswers } from '../../api/respondent';
import { Header } from '../../components/Header';
import { Locale, pick, useTexts } from '../../i18n';
import { takeLink } from './early-link';
import { Profile } from './Profile';
import { SurveyLead } from './SurveyLead';
import { SurveyPreview } from './SurveyPreview';
import { SchoolForm } from './SchoolForm';
import { forgetAnswers, loadAnswers, markAnswered, newAnswerKey, SavedAnswers, saveAnswers, wasAnswered } from './saved-answers';
import { answersToSend, buildSurveyModel } from './survey-setup';
import { errorText } from '../../errors/texts';
import { fieldTitle as titleOfField } from './field-title';
import { failedTitleKey, surveyTexts } from './texts';
import './take-survey.css';

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed'; code: string; status?: number }
  | { kind: 'answered-before' }
  | { kind: 'offer-resume'; saved: SavedAnswers }
  | { kind: 'answering' }
  | { kind: 'sending' }
  | { kind: 'offline' }
  | { kind: 'send-failed'; code: string; status: number; field?: string; canRetry: boolean }
  | { kind: 'closed-while-answering' }
  | { kind: 'done'; receipt: Receipt };

/**
 * Where a respondent starts on this device: what it kept for the link, and the phase that follows
 * from it. Unfinished answers are offered, not imposed: the device may be shared.
 */
function startingPoint(token: string, saved: SavedAnswers | undefined): Phase {
  if (saved?.pending) return { kind: 'sending' };
  if (saved && Object.keys(saved.data).length > 0) return { kind: 'offer-resume', saved };
  if (wasAnswered(token)) return { kind: 'answered-before' };
  return { kind: 'answering' };
}

/** Whom the page speaks to: students are addressed with «ты», parents may answer for a second child. */
const audienceOf = (respondentType: string | undefined): 'student' | 'parent' | 'other' =>
  respondentType === 'student' ? 'student' : respondentType === 'parent' ? 'parent' : 'other';

/**
 * The survey behind `token`. `initialView` is the link's definition when the entry already read it
 * (main.tsx), so the first render shows the first question; without it the page reads it itself.
 * A school's own form is its official return, filled in signed in: SchoolForm.tsx.
 */
export default function TakeSurveyPage({ token, initialView }: { token?: string; initialView?: LinkView }) {
  // The Instruments screen's preview frame (/instruments/preview): this page for an instrument being uploaded.
  if (token === undefined) return <SurveyPreview />;
  if (initialView?.instrument.respondentType === 'school') return <SchoolForm token={token} view={initialView} />;
  return <RespondentSurvey token={token} initialView={initialView} />;
}

function RespondentSurvey({ token, initialView }: { token: string; initialView?: LinkView }) {
  const [locale, t] = useTexts(surveyTexts);
  const localeRef = useRef<Locale>(locale);
  localeRef.current = locale;
  const [view, setView] = useState<LinkView | undefined>(initialView);
  const keyRef = useRef<string>('');
  const surveyRef = useRef<HTMLDivElement>(null);

  // The model for the link, and what this device kept for it: a completed answer waiting to be sent
  // goes into the model; unfinished answers only once the respondent chooses to go on with them.
  const built = useMemo(() => {
    if (!view) return undefined;
    const dressed = buildSurveyModel(view.instrument.survey, () => localeRef.current, window.innerWidth);
    const saved = loadAnswers(token);
    if (saved?.pending) dressed.model.data = saved.data;
    return { ...dressed, saved };
  }, [view, token]);
  const model = built?.model;
  const [phase, setPhase] = useState<Phase>(() => (built ? startingPoint(token, built.saved) : { kind: 'loading' }));
  const [pageNo, setPageNo] = useState(() => built?.model.currentPageNo ?? 0);

  const send = useCallback(
    async (saved: SavedAnswers) => {
      if (!built) return;
      setPhase({ kind: 'sending' });
      try {
        const receipt = await submitAnswers(token, answersToSend(saved.data, built.shape), saved.key);
        forgetAnswers(token);
        markAnswered(token);
        setPhase({ kind: 'done', receipt });
        window.scrollTo(0, 0);
      } catch (err) {
        const e = err instanceof ApiError ? err : new ApiError(0, 'network', String(err));
        if (e.status === 0) {
          setPhase({ kind: 'offline' });
        } else if (e.code === 'campaign.closed') {
          // Nothing can ever accept this answer: no Retry that cannot succeed, and nothing left waiting.
          forgetAnswers(token);
          setPhase({ kind: 'closed-while-answering' });
        } else if (e.status >= 500 || e.code === 'response.in_progress') {
          setPhase({ kind: 'send-failed', code: e.code, status: e.status, canRetry: true });
        } else {
          // A refused answer: back to the survey to correct it (the same key: nothing was stored).
          saveAnswers(token, { ...saved, pending: false });
          setPhase({ kind: 'send-failed', code: e.code, status: e.status, field: e.field, canRetry: false });
        }
      }
    },
    [built, token],
  );

  // Load the link (its definition was preloaded by the page's HTML) unless the entry already did.
  useEffect(() => {
    if (view) return;
    let cancelled = false;
    const load = () =>
      takeLink(token).then(
        (v) => !cancelled && setView(v),
        (err) =>
          !cancelled &&
          setPhase(err instanceof ApiError ? { kind: 'failed', code: err.code, status: err.status } : { kind: 'failed', code: 'unknown' }),
      );
    void load();
    const retry = () => setPhase((p) => (p.kind === 'failed' && p.code === 'network' ? (void load(), { kind: 'loading' }) : p));
    window.addEventListener('online', retry);
    return () => {
      cancelled = true;
      window.removeEventListener('online', retry);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a page that has no definition yet loads one: not view
  }, [token]);

  // The model's key and handlers; the phase it starts in (when the definition came after the first render).
  useEffect(() => {
    if (!built || !model) return;
    const saved = built.saved;
    // Unfinished answers offered: their key only if the respondent goes on with them (resume()).
    keyRef.current = saved?.pending ? saved.key : newAnswerKey();
    setPageNo(model.currentPageNo);
    setPhase((p) => (p.kind === 'loading' ? startingPoint(token, saved) : p));
    if (saved?.pending) void send(saved);

    const keep = (pending = false) => saveAnswers(token, { data: model.data, pageNo: model.currentPageNo, key: keyRef.current, pending });
    const onValue = () => keep();
    const onPage = (_: Model, options: { isNextPage?: boolean; isPrevPage?: boolean; isGoingForward?: boolean }) => {
      keep();
      setPageNo(model.currentPageNo);
      // Focus the new page's heading, so a screen reader and the keyboard start at its top.
      setTimeout(() => {
        const heading = surveyRef.current?.querySelector<HTMLElement>('.sd-page__title');
        if (heading) {
          heading.tabIndex = -1;
          heading.focus({ preventScroll: false });
        }
      }, 0);
      void options;
    };
    const onComplete = () => {
      const saved: SavedAnswers = { data: model.data, pageNo: model.currentPageNo, key: keyRef.current, pending: true };
      saveAnswers(token, saved);
      void send(saved);
    };
    model.onValueChanged.add(onValue);
    model.onCurrentPageChanged.add(onPage);
    model.onComplete.add(onComplete);
    return () => {
      model.onValueChanged.remove(onValue);
      model.onCurrentPageChanged.remove(onPage);
      model.onComplete.remove(onComplete);
    };
  }, [built, model, token, send]);

  useEffect(() => {
    if (model) model.locale = locale === 'ru' ? '' : locale;
  }, [model, locale]);

  // Sent by itself when the connection returns.
  useEffect(() => {
    if (phase.kind !== 'offline') return;
    const retry = () => {
      const saved = loadAnswers(token);
      if (saved?.pending) void send(saved);
    };
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [phase.kind, send, token]);

  const instrumentTitle = view ? pick(view.instrument.title, locale) : undefined;
  useEffect(() => {
    const main =
      phase.kind === 'done'
        ? t('thanksTitle')
        : phase.kind === 'failed' && phase.code === 'campaign.closed'
          ? t('closedTitle')
          : phase.kind === 'failed'
            ? t(failedTitleKey(phase.code))
            : (instrumentTitle ?? t('loading'));
    document.title = `${main} — ${t('titleSuffix')}`;
  });

  const restart = () => {
    if (!model) return;
    forgetAnswers(token);
    keyRef.current = newAnswerKey();
    model.clear(true, true);
    setPageNo(0);
    setPhase({ kind: 'answering' });
  };

  // Going on with the unfinished answers this device kept: their answers, page and key.
  const resume = (saved: SavedAnswers) => {
    if (!model) return;
    model.data = saved.data;
    if (saved.pageNo > 0 && saved.pageNo < model.visiblePageCount) model.currentPageNo = saved.pageNo;
    keyRef.current = saved.key;
    setPageNo(model.currentPageNo);
    setPhase({ kind: 'answering' });
  };
  const audience = audienceOf(view?.instrument.respondentType);

  const backToAnswers = (field?: string) => {
    if (!model) return;
    model.clear(false, false);
    setPhase({ kind: 'answering' });
    const path = field?.replace(/^answers\./, '') ?? '';
    const question = (model.getAllQuestions(false, false, false) as { name: string; focus(): void }[])
      .filter((q) => path === q.name || path.startsWith(`${q.name}.`) || path.startsWith(`${q.name}[`))
      .sort((a, b) => b.name.length - a.name.length)[0];
    setTimeout(() => question?.focus(), 0);
  };

  const schoolName = view?.school ? pick(view.school.name, locale) : undefined;
  // The survey's own closing text (its completedHtml, in the page's language), instead of Mera's thanks.
  const completedHtml = phase.kind === 'done' && model && view?.instrument.survey.completedHtml ? model.processedCompletedHtml : '';
  const showSurvey = model && (phase.kind === 'answering' || phase.kind === 'sending' || phase.kind === 'send-failed');
  const fieldTitle = (field?: string) => (field && model ? titleOfField(model, field, locale) : (field ?? ''));

  // A school's form whose definition this page read itself (the entry could not): its own page.
  if (view?.instrument.respondentType === 'school') return <SchoolForm token={token} view={view} />;
  return (
    <>
      <Header subtitle={schoolName} />
      <main id="main" className="survey-page">
        {phase.kind === 'loading' && (
          <p className="page-status" role="status">
            {t('loading')}
          </p>
        )}
        {phase.kind === 'failed' && <FailedLink code={phase.code} status={phase.status} />}
        {view && phase.kind !== 'failed' && phase.kind !== 'loading' && phase.kind !== 'done' && (
          <h1 className="survey-title">{instrumentTitle}</h1>
        )}
        {phase.kind === 'answered-before' && (
          <section className="notice" aria-live="polite">
            <p>{t(`answeredBefore.${audience}`)}</p>
            <button type="button" onClick={restart}>
              {t(`answerAgain.${audience}`)}
            </button>
          </section>
        )}
        {phase.kind === 'offer-resume' && (
          <section className="notice notice-info" aria-labelledby="resume-title">
            <h2 id="resume-title">{t(`resumeTitle.${audience}`)}</h2>
            <p>{t(`resumeText.${audience}`)}</p>
            <div className="notice-actions">
              <button type="button" onClick={() => resume(phase.saved)}>
                {t('resume')}
              </button>
              <button type="button" className="secondary" onClick={restart}>
                {t('startOver')}
              </button>
            </div>
          </section>
        )}
        {showSurvey && view && (
          <>
            {model && <SurveyLead instrument={view.instrument} contactQuestions={view.contactQuestions} model={model} pageNo={pageNo} />}
            <div ref={surveyRef} hidden={phase.kind !== 'answering'}>
              <Survey model={model} />
            </div>
            {phase.kind === 'sending' && (
              <p className="page-status" role="status">
                {t('sending')}
              </p>
            )}
            {phase.kind === 'send-failed' && (
              <div className="notice notice-error" role="alert">
                <p>
                  {t('sendFailed')} {errorText(locale, phase, fieldTitle(phase.field))}
                </p>
                {phase.canRetry ? (
                  <button
                    type="button"
                    onClick={() => {
                      const saved = loadAnswers(token);
                      if (saved) void send(saved);
                    }}
                  >
                    {t('retry')}
                  </button>
                ) : (
                  <button type="button" onClick={() => backToAnswers(phase.field)}>
                    {t('backToAnswers')}
                  </button>
                )}
              </div>
            )}
          </>
        )}
        {phase.kind === 'offline' && (
          <section className="notice notice-offline" role="status">
            <h2>{t('savedOfflineTitle')}</h2>
            <p>{t('savedOffline')}</p>
            <button
              type="button"
              onClick={() => {
                const saved = loadAnswers(token);
                if (saved) void send(saved);
              }}
            >
              {t('sendNow')}
            </button>
          </section>
        )}
        {phase.kind === 'closed-while-answering' && (
          <section className="notice" role="status">
            <h2>{t('closedTitle')}</h2>
            <p>{t('closedWhileAnswering')}</p>
          </section>
        )}
        {phase.kind === 'done' && view && (
          <section className="thanks" aria-live="polite">
            <h1>{t('thanksTitle')}</h1>
            {completedHtml ? <div className="completed-html" dangerouslySetInnerHTML={{ __html: completedHtml }} /> : <p>{t('thanks')}</p>}
            {phase.receipt.scores && view.instrument.scoring && (
              <Profile scoring={view.instrument.scoring} scores={phase.receipt.scores.areas} />
            )}
          </section>
        )}
      </main>
    </>
  );
}

function FailedLink({ code, status }: { code: string; status?: number }) {
  const [locale, t] = useTexts(surveyTexts);
  if (code === 'campaign.closed') {
    return (
      <section className="notice" role="status">
        <h1>{t('closedTitle')}</h1>
        <p>{errorText(locale, { code })}</p>
      </section>
    );
  }
  return (
    <section className="notice notice-error" role="alert">
      <h1>{t(failedTitleKey(code))}</h1>
      <p>{errorText(locale, { code, status })}</p>
    </section>
  );
}
