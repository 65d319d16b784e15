// Following a campaign: how many answers each school has against its target. Counts only: the
// responses are grouped by school and counted in the store, so nothing says who answered.
import { responsesCollection } from '../responses/data';
import { listSchools } from '../schools/service';
import { defineCollection, type Store } from '../store';
import { type Campaign, type CampaignLink, linksCollection } from './data';
import type { ClassRate, ResponseRates, SchoolRate } from './views';

/**
 * How many answers came through each class's link: one counter per link, raised as an answer is
 * stored. A count only: nothing about who or when.
 */
export interface LinkAnswers {
  _id: string;
  campaignId: string;
  answers: number;
}

export const linkAnswersCollection = defineCollection<LinkAnswers>(
  'linkAnswers',
  {
    campaignId: { type: String, required: true },
    answers: { type: Number, required: true },
  },
  [{ fields: { campaignId: 1 } }],
);

/**
 * Counts one answer given through a class's link (called by the responses component once the answer
 * is stored). A school's own link needs no counter: its answers are the school's, counted from the
 * responses, so the busiest request pays nothing extra.
 */
export async function countLinkAnswer(store: Store, link: Pick<CampaignLink, '_id' | 'campaignId' | 'className'>): Promise<void> {
  if (!link.className) return;
  await store
    .collection(linkAnswersCollection)
    .updateOne({ _id: link._id }, { $inc: { answers: 1 }, $setOnInsert: { campaignId: link.campaignId } }, { upsert: true });
}

const percent = (answers: number, target: number | null) => (target ? Math.round((1000 * answers) / target) / 10 : null);

export async function responseRates(store: Store, campaign: Campaign): Promise<ResponseRates> {
  const counts = await store
    .collection(responsesCollection)
    .aggregate<{ _id: string; answers: number }>([
      { $match: { campaignId: campaign._id } },
      { $group: { _id: '$schoolId', answers: { $sum: 1 } } },
    ]);
  const bySchool = new Map(counts.map((c) => [c._id, c.answers]));
  const schools = new Map((await listSchools(store)).map((s) => [s._id, s]));
  const rows = campaign.schoolIds.map((schoolId): SchoolRate => {
    const school = schools.get(schoolId);
    const answers = bySchool.get(schoolId) ?? 0;
    const target = campaign.targets?.[schoolId] ?? null;
    return {
      schoolId,
      number: school?.number ?? null,
      shortName: school?.shortName ?? null,
      answers,
      target,
      rate: percent(answers, target),
    };
  });
  const answers = rows.reduce((sum, r) => sum + r.answers, 0);
  const allTargeted = rows.every((r) => r.target !== null);
  const target = allTargeted ? rows.reduce((sum, r) => sum + (r.target ?? 0), 0) : null;
  return {
    campaignId: campaign._id,
    schools: rows,
    classes: await classRates(store, campaign),
    total: { answers, target, rate: percent(answers, target) },
  };
}

async function classRates(store: Store, campaign: Campaign): Promise<ClassRate[]> {
  if (!Object.keys(campaign.classes ?? {}).length) return [];
  const links = (await store.collection(linksCollection).find({ campaignId: campaign._id })).filter((l) => l.className);
  const counts = new Map((await store.collection(linkAnswersCollection).find({ campaignId: campaign._id })).map((c) => [c._id, c.answers]));
  const order = new Map(campaign.schoolIds.map((id, i) => [id, i]));
  return links
    .map((l) => ({ schoolId: l.schoolId, className: l.className!, answers: counts.get(l._id) ?? 0 }))
    .sort((a, b) => order.get(a.schoolId)! - order.get(b.schoolId)! || a.className.localeCompare(b.className, 'ru', { numeric: true }));
}

/** Whether a school has answered a campaign at all (a school's own form: its coordinator's task is done). */
export async function schoolHasAnswered(store: Store, campaignId: string, schoolId: string): Promise<boolean> {
  return (await store.collection(responsesCollection).findOne({ campaignId, schoolId })) !== null;
}
