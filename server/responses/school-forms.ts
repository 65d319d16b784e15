// School forms take some answers from their campaign, not from the school: the monitoring form's
// reporting year (campaign.reportingYear) and the checklist's stage (campaign.stage). The
// instrument marks such a question read-only (version 2 on); the server fills it and refuses any
// other value, so analytics keyed on it stay right. And one monitoring form per school and
// reporting year: a second one is refused (409) by a claim with a unique _id, which also holds
// when two arrive at once or on several app instances.
import type { Campaign } from '../campaigns/data';
import { problem } from '../errors';
import { defineCollection, DuplicateKeyError, type Store } from '../store';
import type { CompiledQuestions } from '../surveys/questions';

/** Question name → the campaign's field that sets it. */
export const answersSetByCampaign = { reporting_year: 'reportingYear', checklist_stage: 'stage' } as const;

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

interface SchoolYearForm {
  /** `<instrumentId>:<schoolId>:<reporting year>`. */
  _id: string;
  campaignId: string;
  day: string;
}

export const schoolYearFormsCollection = defineCollection<SchoolYearForm>('school-year-forms', {
  campaignId: { type: String, required: true },
  day: { type: String, required: true },
});

/** Instruments with one form per school and reporting year. */
const oncePerYear = new Set(['school-monitoring']);

/**
 * Claims the school's form for the reporting year, or refuses with 409 naming the year. Returns
 * a release to call when the form could not be stored after all; undefined when no claim applies.
 */
export async function claimSchoolYear(
  store: Store,
  form: {
    instrumentId: string;
    schoolId: string;
    campaignId: string;
    reportingYear?: string;
    day: string;
    answers: Record<string, unknown>;
  },
): Promise<(() => Promise<void>) | undefined> {
  // Only a year the campaign set (version 2 on); version 1's free choice is left as it was.
  const year = form.reportingYear;
  if (!oncePerYear.has(form.instrumentId) || year === undefined || form.answers.reporting_year !== year) return undefined;
  const _id = `${form.instrumentId}:${form.schoolId}:${year}`;
  const claims = store.collection(schoolYearFormsCollection);
  try {
    await claims.insertOne({ _id, campaignId: form.campaignId, day: form.day });
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    const earlier = await claims.findOne({ _id });
    throw problem('response.already_reported', {
      field: 'reporting_year',
      values: { year, when: earlier ? ` (on ${earlier.day})` : '' },
      details: { reportingYear: year, ...(earlier ? { day: earlier.day } : {}) },
    });
  }
  return async () => {
    await claims.deleteOne({ _id });
  };
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
