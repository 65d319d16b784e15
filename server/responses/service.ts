// Accepting a response: the link decides campaign and school, the instrument version decides
// what a valid answer is, and scoring runs here (never trusted from the client).
import { z } from 'zod';
import { openLink } from '../campaigns/service';
import { Problem } from '../errors';
import type { Store } from '../store';
import { getInstrument } from '../surveys/catalogue';
import { scoreAnswers, ResponseScores } from '../surveys/scoring';
import { validateAnswers } from '../surveys/validator';
import { keepResponse } from './keep';
import { submitOnce } from './idempotency';
import { claimSchoolYear, withCampaignAnswers } from './school-forms';

const submissionSchema = z.object({ answers: z.record(z.string(), z.unknown()) }).strict();

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
export async function submitResponse(store: Store, token: string, body: unknown, today: string, idempotencyKey?: string): Promise<SubmissionReceipt & { repeated?: true }> {
  if (!idempotencyKey) return (await storeResponse(store, token, body, today)).receipt;
  return submitOnce(store, idempotencyKey, () => storeResponse(store, token, body, today), { received: true, dropped: [] } as SubmissionReceipt);
}

async function storeResponse(store: Store, token: string, body: unknown, today: string): Promise<{ receipt: SubmissionReceipt; keepReceipt: boolean }> {
  const { link, campaign } = await openLink(store, token, today);
  const parsed = submissionSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.join('.') || 'answers';
    throw new Problem('response.invalid', 400, issue.code === 'unrecognized_keys' ? `"${field}" is not part of a response; send { "answers": { ... } }.` : 'A response is { "answers": { "<question>": <answer>, ... } }.', field);
  }
  const compiled = await getInstrument(store, campaign.instrumentId, campaign.instrumentVersion);
  const { answers, dropped } = validateAnswers(compiled.questions, withCampaignAnswers(compiled.questions, campaign, parsed.data.answers));
  if (Object.keys(answers).length === 0) throw new Problem('response.empty', 400, 'The response has no answers.', 'answers');
  const { scoring } = compiled.instrument;
  const scores = scoring && compiled.scoringItems ? scoreAnswers(scoring, compiled.scoringItems, answers) : undefined;
  const release = await claimSchoolYear(store, { instrumentId: campaign.instrumentId, schoolId: link.schoolId, campaignId: campaign._id, reportingYear: campaign.reportingYear, day: today, answers });
  try {
    await keepResponse(store, {
      campaignId: campaign._id,
      schoolId: link.schoolId,
      instrumentId: campaign.instrumentId,
      instrumentVersion: campaign.instrumentVersion,
      respondentType: compiled.instrument.respondentType,
      day: today,
      answers,
      ...(scores ? { scores } : {}),
    });
  } catch (err) {
    await release?.();
    throw err;
  }
  // An anonymous answer's receipt is not kept beside its key (it would describe the answer).
  return { receipt: { received: true, dropped, ...(scores ? { scores } : {}) }, keepReceipt: !compiled.instrument.anonymous };
}
