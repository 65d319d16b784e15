// One monitoring form per school and reporting year: a second one is refused (409) by a claim with
// a unique _id, which also holds when two arrive at once or on several app instances. (The answers
// a campaign sets, such as the reporting year, are filled in by campaigns/campaign-answers.ts.)
import { problem } from '../errors';
import { DuplicateKeyError, type Store } from '../store';
import { schoolYearFormsCollection } from './data';

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
