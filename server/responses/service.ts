// Accepting a response: the link decides campaign and school, the instrument version decides
// what a valid answer is, and scoring runs here (never trusted from the client).
import { withCampaignAnswers } from '../campaigns/campaign-answers';
import { countLinkAnswer, openLink } from '../campaigns/service';
import { problem } from '../errors';
import type { Store } from '../store';
import { getInstrument } from '../surveys/catalogue';
import { scoreAnswers, ResponseScores } from '../surveys/scoring';
import { validateAnswers } from '../surveys/validator';
import { keepResponse, responseOf } from './keep';
import { submitOnce } from './idempotency';
import { isSchoolForm } from './school-forms';
import type { Answers } from './schema';

export interface SubmissionReceipt {
  received: true;
  /** Dropped answers to questions that were not shown (by visibleIf). */
  dropped: string[];
  scores?: ResponseScores;
}

/**
 * Accepts a response; with an idempotency key (made on the respondent's device) a retried
 * submission is stored once and answered `repeated: true`.
 */
export async function submitResponse(
  store: Store,
  token: string,
  given: Answers,
  today: string,
  idempotencyKey?: string,
): Promise<SubmissionReceipt & { repeated?: true }> {
  if (!idempotencyKey) return (await storeResponse(store, token, given, today)).receipt;
  return submitOnce(store, idempotencyKey, () => storeResponse(store, token, given, today), {
    received: true,
    dropped: [],
  } as SubmissionReceipt);
}

async function storeResponse(
  store: Store,
  token: string,
  given: Answers,
  today: string,
): Promise<{ receipt: SubmissionReceipt; keepReceipt: boolean }> {
  const { link, campaign } = await openLink(store, token, today);
  const compiled = await getInstrument(store, campaign.instrumentId, campaign.instrumentVersion);
  // A school's form is its official return, sent signed in from its page (school-forms.ts): never through the anonymous link.
  if (isSchoolForm(compiled)) throw problem('school_form.sign_in_required');
  const { answers, dropped } = validateAnswers(compiled.questions, withCampaignAnswers(compiled.questions, campaign, given));
  if (Object.keys(answers).length === 0) throw problem('response.empty', { field: 'answers' });
  const { scoring } = compiled.instrument;
  const scores = scoring && compiled.scoringItems ? scoreAnswers(scoring, compiled.scoringItems, answers) : undefined;
  await keepResponse(store, responseOf(campaign, link.schoolId, compiled, today, answers, scores));
  // The coordinator's follow screen counts answers per link (per class); a count only.
  await countLinkAnswer(store, link).catch((err) => console.error(`The answer count of link ${link._id} missed an answer.`, err));
  // An anonymous answer's receipt is not kept beside its key (it would describe the answer).
  return { receipt: { received: true, dropped, ...(scores ? { scores } : {}) }, keepReceipt: !compiled.instrument.anonymous };
}
