// School forms take some answers from their campaign, not from the school: the monitoring form's
// reporting year (campaign.reportingYear) and the checklist's stage (campaign.stage). The
// instrument marks such a question read-only (version 2 on); the server fills it on submission and
// refuses any other value, so analytics keyed on it stay right, and the link's page shows it.
import { problem } from '../errors';
import type { CompiledQuestions } from '../surveys/questions';
import type { Campaign } from './data';

/** Question name → the campaign's field that sets it. */
const answersSetByCampaign = { reporting_year: 'reportingYear', checklist_stage: 'stage' } as const;

type CampaignFields = Pick<Campaign, 'reportingYear' | 'stage'>;

/**
 * The answers with every campaign-set question filled from the campaign. An answer the school
 * sent for such a question must equal the campaign's value (400 naming the field otherwise).
 */
export function withCampaignAnswers(
  questions: CompiledQuestions,
  campaign: CampaignFields,
  answers: Record<string, unknown>,
): Record<string, unknown> {
  let filled = answers;
  for (const [name, field] of Object.entries(answersSetByCampaign)) {
    const question = questions.questions.get(name);
    const value = campaign[field];
    if (!question?.readOnly || value === undefined) continue;
    const sent = answers[name];
    if (sent !== undefined && sent !== null && sent !== '' && sent !== value) {
      throw problem('response.set_by_campaign', {
        field: name,
        values: { question: name, expected: value, sent: JSON.stringify(sent) },
        details: { expected: value },
      });
    }
    filled = { ...filled, [name]: value };
  }
  return filled;
}

interface ElementJson {
  name?: string;
  readOnly?: boolean;
  elements?: ElementJson[];
  [key: string]: unknown;
}

/**
 * The instrument as a respondent's page gets it: each campaign-set question shows the campaign's
 * value (its `defaultValue`), so the school sees the year or stage it reports for. The stored
 * instrument is not changed; without such questions it is returned as it is.
 */
export function withCampaignValuesShown<I extends { survey: unknown }>(instrument: I, campaign: CampaignFields): I {
  const values = new Map<string, string>();
  for (const [name, field] of Object.entries(answersSetByCampaign)) {
    const value = campaign[field];
    if (value !== undefined) values.set(name, value);
  }
  const survey = instrument.survey as { pages?: ElementJson[] };
  const has = (elements: ElementJson[] | undefined): boolean =>
    (elements ?? []).some((e) => (e.readOnly === true && values.has(e.name ?? '')) || has(e.elements));
  if (values.size === 0 || !has(survey.pages)) return instrument;
  const copy = structuredClone(instrument);
  const fill = (elements: ElementJson[] | undefined) => {
    for (const e of elements ?? []) {
      if (e.readOnly === true && e.name && values.has(e.name)) e.defaultValue = values.get(e.name);
      fill(e.elements);
    }
  };
  fill((copy.survey as { pages?: ElementJson[] }).pages);
  return copy;
}
