// What the respondent's page shows above the survey itself: the instrument's description, the
// anonymity note or what contact details are asked and why, and the page counter. The respondent's
// page (TakeSurveyPage.tsx) and the Instruments screen's preview of it (SurveyPreview.tsx) show the same.
import type { Model } from 'survey-core';
import { pick, useTexts } from '../../i18n';
import type { InstrumentDefinition } from '../../api/respondent';
import { localNumber } from './survey-setup';
import { format, surveyTexts } from './texts';

type Shown = Pick<InstrumentDefinition, 'anonymous' | 'collectsContact' | 'contactPurpose' | 'description' | 'survey'>;

const mentionsAnonymity = (html: unknown) => /аноним|anonym/i.test(JSON.stringify(html ?? ''));

export function SurveyLead({
  instrument,
  contactQuestions,
  model,
  pageNo,
}: {
  instrument: Shown;
  contactQuestions: string[] | undefined;
  model: Model;
  pageNo: number;
}) {
  const [locale, t] = useTexts(surveyTexts);
  const asksContact = instrument.collectsContact === true;
  const pageCount = model.visiblePageCount;
  const firstHtml = (instrument.survey as { pages?: { elements?: { type: string; html?: unknown }[] }[] })?.pages?.[0]?.elements?.find(
    (e) => e.type === 'html',
  )?.html;
  return (
    <>
      {instrument.description && <p className="survey-description">{pick(instrument.description, locale)}</p>}
      {instrument.anonymous && !asksContact && !mentionsAnonymity(firstHtml) && <p className="anonymous-note">{t('anonymousNote')}</p>}
      {asksContact && <ContactNote instrument={instrument} contactQuestions={contactQuestions ?? []} model={model} />}
      {pageCount > 1 && (
        <div className="survey-progress">
          <span>{format(t('pageOf'), localNumber(Math.min(pageNo, pageCount - 1) + 1, locale), localNumber(pageCount, locale))}</span>
          <span className="survey-progress-bar" aria-hidden="true">
            <span style={{ width: `${(100 * (Math.min(pageNo, pageCount - 1) + 1)) / pageCount}%` }} />
          </span>
        </div>
      )}
    </>
  );
}

/** What an instrument that collects contact details asks for, and why (its contactPurpose). */
function ContactNote({ instrument, contactQuestions, model }: { instrument: Shown; contactQuestions: string[]; model: Model }) {
  const [locale, t] = useTexts(surveyTexts);
  const titles = contactQuestions
    .map((name) => model.getQuestionByName(name))
    .filter((q) => !!q)
    .map((q) => {
      const title =
        q.locTitle.getLocaleText(locale === 'ru' ? '' : locale) ||
        q.locTitle.getLocaleText(locale) ||
        q.locTitle.getLocaleText('') ||
        q.name;
      return `«${title.replace(/<[^>]+>/g, '').trim()}»`;
    });
  const purpose = instrument.contactPurpose;
  return (
    <p className="contact-note">
      {titles.length > 0 && <>{format(t('contactNote'), titles.join(', '))} </>}
      {purpose ? format(t('contactWhy'), pick(purpose, locale)) : t('contactWhyMissing')}
    </p>
  );
}
