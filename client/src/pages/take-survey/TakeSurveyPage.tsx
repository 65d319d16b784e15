// The respondent's page: the survey behind a link, rendered by survey-react-ui in the chosen
// language with a progress bar; answers go to the server, which validates and stores them.
import { useEffect, useMemo, useState } from 'react';
import { Model, surveyLocalization } from 'survey-core';
import 'survey-core/i18n/russian';
import 'survey-core/survey-core.fontless.css';
import { Survey } from 'survey-react-ui';
import { ApiError } from '../../api/http';
import { fetchLink, LinkView, Receipt, submitAnswers } from '../../api/respondent';
import { Header } from '../../components/Header';
import { pick, useLocale } from '../../i18n';
import { Profile } from './Profile';

surveyLocalization.defaultLocale = 'ru';

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed'; code: string }
  | { kind: 'answering'; view: LinkView }
  | { kind: 'sending'; view: LinkView }
  | { kind: 'send-failed'; view: LinkView; message: string }
  | { kind: 'done'; view: LinkView; receipt: Receipt };

export default function TakeSurveyPage({ token }: { token: string }) {
  const [locale, t] = useLocale();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  useEffect(() => {
    fetchLink(token).then(
      (view) => setPhase({ kind: 'answering', view }),
      (err) => setPhase({ kind: 'failed', code: err instanceof ApiError ? err.code : 'unknown' }),
    );
  }, [token]);

  const view = 'view' in phase ? phase.view : undefined;
  const model = useMemo(() => {
    if (!view) return undefined;
    const { instrument } = view;
    // The title is Mera's own <h1> above the survey, so the page has a real heading.
    const survey = new Model({ ...instrument.survey, showTitle: false });
    survey.showCompletedPage = false;
    return survey;
  }, [view]);

  useEffect(() => {
    if (model) model.locale = locale === 'ru' ? '' : locale;
  }, [model, locale]);

  const send = async (current: LinkView, data: Record<string, unknown>) => {
    setPhase({ kind: 'sending', view: current });
    try {
      const receipt = await submitAnswers(token, data);
      setPhase({ kind: 'done', view: current, receipt });
      window.scrollTo(0, 0);
    } catch (err) {
      setPhase({ kind: 'send-failed', view: current, message: err instanceof ApiError ? err.message : String(err) });
    }
  };

  useEffect(() => {
    if (!model || !view) return;
    const onComplete = (sender: Model) => void send(view, sender.data);
    model.onComplete.add(onComplete);
    return () => model.onComplete.remove(onComplete);
    // send only depends on token and setters
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, view]);

  const schoolName = view?.school ? pick(view.school.name, locale) : undefined;

  return (
    <>
      <Header subtitle={schoolName} />
      <main id="main" className="survey-page">
        {phase.kind === 'loading' && <p className="page-status" role="status">{t('loading')}</p>}
        {phase.kind === 'failed' && <FailedLink code={phase.code} />}
        {(phase.kind === 'answering' || phase.kind === 'sending' || phase.kind === 'send-failed') && model && (
          <>
            <h1 className="survey-title">{pick(phase.view.instrument.title, locale)}</h1>
            {phase.view.instrument.description && <p className="survey-description">{pick(phase.view.instrument.description, locale)}</p>}
            {phase.view.instrument.anonymous && <p className="anonymous-note">{t('anonymousNote')}</p>}
            <Survey model={model} />
            {phase.kind === 'sending' && <p className="page-status" role="status">{t('sending')}</p>}
            {phase.kind === 'send-failed' && (
              <div className="notice notice-error" role="alert">
                <p>{t('sendFailed')} {phase.message}</p>
                <button type="button" onClick={() => void send(phase.view, model.data)}>{t('retry')}</button>
              </div>
            )}
          </>
        )}
        {phase.kind === 'done' && (
          <section className="thanks" aria-live="polite">
            <h1>{t('thanksTitle')}</h1>
            <p>{t('thanks')}</p>
            {phase.receipt.scores && phase.view.instrument.scoring && (
              <Profile scoring={phase.view.instrument.scoring} scores={phase.receipt.scores.areas} />
            )}
          </section>
        )}
      </main>
    </>
  );
}

function FailedLink({ code }: { code: string }) {
  const [, t] = useLocale();
  if (code === 'campaign.closed') {
    return (
      <section className="notice" role="status">
        <h1>{t('closedTitle')}</h1>
        <p>{t('closed')}</p>
      </section>
    );
  }
  const message = code === 'link.unknown' ? t('unknownLink') : code === 'campaign.not_open' ? t('notOpen') : t('loadFailed');
  return (
    <section className="notice notice-error" role="alert">
      <p>{message}</p>
    </section>
  );
}
