// The respondent's page for an instrument not yet published, inside the Instruments screen's preview
// frame: the same page, survey-core theme and Mera's respondent styles as /s/<token>. The frame is as
// wide as the chosen device, so the page's own width rules (phone layout, the 0–10 rating on two rows)
// apply as they do on that device. The screen sends the instrument and the language; nothing is sent
// anywhere when the survey is completed. It lives in the survey page's module (TakeSurveyPage.tsx
// renders it at /instruments/preview), so the respondent's page loads its one chunk and one CSS file as before.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Survey } from 'survey-react-ui';
import { Header } from '../../components/Header';
import { pick, setFramedLocale, useTexts, type Locale } from '../../i18n';
import { previewMessage, type PreviewShown } from './preview-messages';
import { buildSurveyModel } from './survey-setup';
import { SurveyLead } from './SurveyLead';
import { surveyTexts } from './texts';

const toScreen = (message: Record<string, unknown>) => window.parent.postMessage(message, window.location.origin);

export function SurveyPreview() {
  const [locale, t] = useTexts(surveyTexts);
  const localeRef = useRef<Locale>(locale);
  localeRef.current = locale;
  const [shown, setShown] = useState<PreviewShown>();
  const [pageNo, setPageNo] = useState(0);
  const [done, setDone] = useState(false);

  // What to show comes from the Instruments screen around the frame, and from nowhere else.
  useEffect(() => {
    const receive = (e: MessageEvent<{ type?: string } & PreviewShown>) => {
      if (e.origin !== window.location.origin || e.source !== window.parent || e.data?.type !== previewMessage.show) return;
      setFramedLocale(e.data.locale);
      setShown(e.data);
    };
    window.addEventListener('message', receive);
    toScreen({ type: previewMessage.ready });
    return () => window.removeEventListener('message', receive);
  }, []);

  // The frame takes the page's whole height, so the screen scrolls and not the frame.
  useEffect(() => {
    const root = document.getElementById('root');
    if (!root) return;
    const observer = new ResizeObserver(() => toScreen({ type: previewMessage.height, height: root.offsetHeight }));
    observer.observe(root);
    return () => observer.disconnect();
  }, []);

  const instrument = shown?.instrument;
  const model = useMemo(
    () => (instrument ? buildSurveyModel(instrument.survey, () => localeRef.current, window.innerWidth).model : undefined),
    [instrument],
  );
  useEffect(() => {
    if (!model) return;
    setPageNo(0);
    setDone(false);
    const onPage = () => setPageNo(model.currentPageNo);
    const onComplete = () => setDone(true);
    model.onCurrentPageChanged.add(onPage);
    model.onComplete.add(onComplete);
    return () => {
      model.onCurrentPageChanged.remove(onPage);
      model.onComplete.remove(onComplete);
    };
  }, [model]);
  useEffect(() => {
    if (model) model.locale = locale === 'ru' ? '' : locale;
  }, [model, locale]);

  const title = instrument ? pick(instrument.title, locale) : undefined;
  useEffect(() => {
    document.title = `${done ? t('thanksTitle') : (title ?? t('loading'))} — ${t('titleSuffix')}`;
  });

  const startOver = () => {
    model?.clear(true, true);
    setPageNo(0);
    setDone(false);
  };
  const completedHtml = done && model && instrument?.survey.completedHtml ? model.processedCompletedHtml : '';
  return (
    <>
      <Header />
      <main id="main" className="survey-page">
        {!model && (
          <p className="page-status" role="status">
            {t('loading')}
          </p>
        )}
        {model && instrument && !done && (
          <>
            <h1 className="survey-title">{title}</h1>
            <SurveyLead instrument={instrument} contactQuestions={shown?.contactQuestions} model={model} pageNo={pageNo} />
            <Survey model={model} />
          </>
        )}
        {done && (
          <section className="thanks" aria-live="polite">
            <h1>{t('thanksTitle')}</h1>
            {completedHtml ? <div className="completed-html" dangerouslySetInnerHTML={{ __html: completedHtml }} /> : <p>{t('thanks')}</p>}
            <button type="button" onClick={startOver}>
              {t('startOver')}
            </button>
          </section>
        )}
      </main>
    </>
  );
}
