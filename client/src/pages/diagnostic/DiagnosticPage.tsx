// The teacher's diagnostic, taken while signed in (/diagnostic?campaign=<id>): survey-react-ui,
// answers saved on the server as they go (resume on another day, on another device), and on
// submit the profile. Without a campaign, the page shows the profile and its history.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Model, surveyLocalization } from 'survey-core';
import 'survey-core/i18n/russian';
import 'survey-core/survey-core.fontless.css';
import { Survey } from 'survey-react-ui';
import {
  fetchProfile,
  fetchTeacherProfile,
  OpenDiagnostic,
  openDiagnostic,
  ProfileEntry,
  saveDraft,
  submitDiagnostic,
} from '../../api/diagnostics';
import { ApiError } from '../../api/http';
import { errorText } from '../../errors/texts';
import { pick, useTexts } from '../../i18n';
import { AccountFrame } from '../../components/AccountFrame';
import { SignInPrompt } from '../../components/SignInPrompt';
import { useSession } from '../../session';
import { ProfileView } from './ProfileView';
import { diagnosticTexts } from './texts';

surveyLocalization.defaultLocale = 'ru';

type Phase =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'failed'; message: string }
  | { kind: 'answering'; view: OpenDiagnostic; correcting?: boolean }
  | { kind: 'profile'; history: ProfileEntry[]; shared?: boolean; name?: string; correctable?: OpenDiagnostic };

export default function DiagnosticPage() {
  const [locale, t] = useTexts(diagnosticTexts);
  const campaignId = new URLSearchParams(window.location.search).get('campaign');
  // A coordinator or administrator looking at a teacher's shared profile.
  const teacherId = new URLSearchParams(window.location.search).get('teacher');
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [saveState, setSaveState] = useState<'idle' | 'saving' | 'failed'>('idle');
  const [sendError, setSendError] = useState<string>();
  const timer = useRef<number | undefined>(undefined);
  const { user, error: sessionError } = useSession();

  /** The profile; with the diagnostic just submitted (or opened after submitting) while its campaign is open, it may be corrected. */
  const showProfile = (correctable?: OpenDiagnostic) =>
    fetchProfile().then((p) => setPhase({ kind: 'profile', history: p.history, shared: p.shareWithCoordinator, correctable }));

  useEffect(() => {
    const failed = (err: unknown) => setPhase({ kind: 'failed', message: errorText(locale, err) });
    if (sessionError) return failed(sessionError);
    if (user === undefined) return;
    const load = async () => {
      if (!user) return setPhase({ kind: 'signed-out' });
      if (teacherId) {
        const other = await fetchTeacherProfile(teacherId);
        return setPhase({ kind: 'profile', history: other.history, name: other.name });
      }
      if (user.role !== 'teacher') return setPhase({ kind: 'failed', message: t('notTeacher') });
      if (!campaignId) return showProfile();
      const view = await openDiagnostic(campaignId);
      if (view.saved?.status === 'submitted') return showProfile(view);
      setPhase({ kind: 'answering', view });
    };
    load().catch(failed);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- not t: a change of language must not reload the diagnostic being answered
  }, [user, sessionError, campaignId]);

  const view = phase.kind === 'answering' ? phase.view : undefined;
  const correcting = phase.kind === 'answering' && !!phase.correcting;
  const model = useMemo(() => {
    if (!view) return undefined;
    const survey = new Model({ ...view.instrument.survey, showTitle: false });
    survey.showCompletedPage = false;
    if (view.saved) {
      survey.data = view.saved.answers;
      if (view.saved.currentPage < survey.visiblePages.length) survey.currentPageNo = view.saved.currentPage;
    }
    return survey;
  }, [view]);

  useEffect(() => {
    if (model) model.locale = locale === 'ru' ? '' : locale;
  }, [model, locale]);

  useEffect(() => {
    if (!model || !view) return;
    // A correction of a submitted diagnostic is sent whole; nothing is saved on the way.
    const save = () => {
      if (correcting) return;
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        setSaveState('saving');
        saveDraft(view.campaign.id, model.data, model.currentPageNo).then(
          () => setSaveState('idle'),
          () => setSaveState('failed'),
        );
      }, 800);
    };
    const complete = () => {
      window.clearTimeout(timer.current);
      void send(view, model);
    };
    model.onValueChanged.add(save);
    model.onCurrentPageChanged.add(save);
    model.onComplete.add(complete);
    return () => {
      model.onValueChanged.remove(save);
      model.onCurrentPageChanged.remove(save);
      model.onComplete.remove(complete);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, view, correcting]);

  /** A question's title, for an error naming it. */
  const fieldTitle = (survey: Model, field?: string) => {
    const question = field ? survey.getQuestionByName(field) : undefined;
    return question ? question.locTitle.renderedHtml.replace(/<[^>]+>/g, '') : field;
  };

  async function send(current: OpenDiagnostic, survey: Model) {
    setSendError(undefined);
    try {
      await submitDiagnostic(current.campaign.id, survey.data);
      await showProfile({
        ...current,
        saved: { status: 'submitted', answers: survey.data, currentPage: 0, scores: current.saved?.scores },
      });
      window.scrollTo(0, 0);
    } catch (err) {
      setSendError(errorText(locale, err, err instanceof ApiError ? fieldTitle(survey, err.field) : undefined));
    }
  }

  const title =
    phase.kind === 'answering'
      ? pick(phase.view.instrument.title, locale)
      : phase.kind === 'profile' && phase.name !== undefined
        ? `${t('profileOf')}: ${phase.name}`
        : t('profileTitle');
  return (
    <AccountFrame title={title}>
      <p>
        <a href={teacherId ? '/users' : '/account'}>{teacherId ? t('backToUsers') : t('back')}</a>
      </p>
      {phase.kind === 'loading' && <p role="status">{t('loading')}</p>}
      {phase.kind === 'signed-out' && (
        <SignInPrompt
          text={t('signIn')}
          link={t('goSignIn')}
          href={`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`}
        />
      )}
      {phase.kind === 'failed' && (
        <p className="notice notice-error" role="alert">
          {phase.message}
        </p>
      )}
      {phase.kind === 'answering' && model && (
        <>
          <p className="anonymous-note">{correcting ? t('correctNote') : t('savedNote')}</p>
          <Survey model={model} />
          <p role="status" className="page-status">
            {saveState === 'saving' ? t('saving') : saveState === 'failed' ? t('saveFailed') : ''}
          </p>
          {sendError && (
            <div className="notice notice-error" role="alert">
              <p>
                {t('sendFailed')} {sendError}
              </p>
              <button type="button" onClick={() => void send(phase.view, model)}>
                {t('retry')}
              </button>
            </div>
          )}
        </>
      )}
      {phase.kind === 'profile' && phase.correctable && (
        <p>
          <button type="button" onClick={() => setPhase({ kind: 'answering', view: phase.correctable!, correcting: true })}>
            {t('correct')}
          </button>
        </p>
      )}
      {phase.kind === 'profile' && <ProfileView history={phase.history} shared={phase.shared} />}
    </AccountFrame>
  );
}
