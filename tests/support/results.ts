// Test support for results, exports and the report: a campaign stored as it stands once opened
// (status, days, a respondents' link per school), answers sent through those links over real HTTP,
// and the staff survey's answers by role (the first edition's questions, which both editions accept).
import request from 'supertest';
import { campaignsCollection, linksCollection } from '../../server/campaigns/data';
import { linkSecret, linkToken, tokenHash } from '../../server/campaigns/links';
import { newId } from '../../server/store';
import { getInstrument } from '../../server/surveys/catalogue';
import type { TestMera } from './mera';
import { sendSchoolForm } from './school-forms';

export interface LinkedCampaign {
  id: string;
  /** The respondents' link token of each school. */
  tokens: Map<string, string>;
}

export interface CampaignOptions {
  /** The instrument's edition (default: the current one). */
  version?: number;
  opensOn?: string;
  status?: 'open' | 'closed';
  /** The Russian title (default: the instrument's id); the English one adds " (en)". */
  title?: string;
}

/** A campaign of an instrument in the given schools, with a link token per school. */
export async function campaignWithLinks(
  mera: TestMera,
  instrumentId: string,
  schoolIds: string[],
  options: CampaignOptions = {},
): Promise<LinkedCampaign> {
  const compiled = await getInstrument(mera.store, instrumentId, options.version);
  const campaign = await mera.store.collection(campaignsCollection).insertOne({
    title: options.title ? { default: options.title, en: `${options.title} (en)` } : { default: instrumentId, en: instrumentId },
    instrumentId,
    instrumentVersion: compiled.instrument.version,
    schoolIds,
    status: options.status ?? 'open',
    opensOn: options.opensOn ?? '2026-01-01',
    closesOn: '2099-12-31',
    demo: false,
    createdAt: new Date(),
  });
  const secret = await linkSecret(mera.store, mera.config.secret);
  const tokens = new Map<string, string>();
  for (const schoolId of schoolIds) {
    const _id = newId();
    tokens.set(schoolId, linkToken(secret, _id));
    await mera.store
      .collection(linksCollection)
      .insertOne({ _id, campaignId: campaign._id, schoolId, tokenHash: tokenHash(linkToken(secret, _id)) });
  }
  return { id: campaign._id, tokens };
}

/**
 * Sends answers through a respondents' link, as the respondent page does; 201 expected. A school's
 * form is refused there (it is sent signed in): it goes from its page as the school's coordinator.
 */
export async function answerThroughLink(mera: TestMera, token: string, answers: Record<string, unknown>): Promise<void> {
  let res = await request(mera.app).post(`/api/links/${token}/responses`).send({ answers });
  if (res.status === 401 && res.body.error?.code === 'school_form.sign_in_required') res = await sendSchoolForm(mera, token, answers);
  expect(res.status).toBe(201);
}

/** A staff survey answer: the role, the overall satisfaction (1–5) and fours elsewhere; `extra` adds or replaces answers. */
export const staffAnswers = (role: 'admin' | 'teacher' | string, satisfaction = 4, extra: Record<string, unknown> = {}) => ({
  role,
  sat_procedures: {
    planning: 4,
    kim_preparation: 4,
    online_testing: 4,
    results_collection: 4,
    results_analysis: 4,
    self_evaluation: 4,
    noko_preparation: 4,
    class_portfolio: 4,
  },
  sat_overall: satisfaction,
  effects: ['time_saving'],
  barriers: ['time'],
  ...(role === 'admin' ? { admin_e_center: 'yes' } : {}),
  ...extra,
});
