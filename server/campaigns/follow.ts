// Following a campaign: how many answers each school has against its target. Counts only: the
// responses are grouped by school and counted in the store, so nothing says who answered.
import { listSchools } from '../schools/service';
import type { Store } from '../store';
import { type Campaign, type CampaignLink, linkAnswersCollection, linksCollection } from './data';
import type { ClassRate, ResponseRates, SchoolRate } from './views';

/**
 * What campaigns learn from the components that keep the answers (responses, diagnostics). Those sit
 * above campaigns, so the app hands their functions in (app.ts) rather than campaigns importing them.
 */
export interface CampaignProgress {
  /** How many answers each school has given to a campaign: school id → count. */
  answersPerSchool(store: Store, campaignId: string): Promise<Map<string, number>>;
  /** Whether a school has answered a campaign at all (a school's own form). */
  schoolHasAnswered(store: Store, campaignId: string, schoolId: string): Promise<boolean>;
  /** A teacher's diagnostics in their school's open campaigns, with where they are in each ('draft', 'submitted'). */
  myDiagnostics(store: Store, teacher: { id: string; schoolId: string }, today: string): Promise<{ campaignId: string; status: string }[]>;
}

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

export type { ResponseRates };

const percent = (answers: number, target: number | null) => (target ? Math.round((1000 * answers) / target) / 10 : null);

export async function responseRates(
  store: Store,
  campaign: Campaign,
  progress: Pick<CampaignProgress, 'answersPerSchool'>,
): Promise<ResponseRates> {
  const bySchool = await progress.answersPerSchool(store, campaign._id);
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
