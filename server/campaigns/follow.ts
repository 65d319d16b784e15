// Following a campaign: how many answers each school has against its target. Counts only: the
// responses are grouped by school and counted in the store, so nothing says who answered.
import { responsesCollection } from '../responses/data';
import { listSchools } from '../schools/service';
import type { Store } from '../store';
import type { Campaign } from './data';

export interface SchoolRate {
  schoolId: string;
  number: string | null;
  shortName: { default: string; en: string } | null;
  answers: number;
  target: number | null;
  /** answers / target in per cent, one decimal; null without a target. */
  rate: number | null;
}

export interface ResponseRates {
  campaignId: string;
  schools: SchoolRate[];
  total: { answers: number; target: number | null; rate: number | null };
}

const percent = (answers: number, target: number | null) => (target ? Math.round((1000 * answers) / target) / 10 : null);

export async function responseRates(store: Store, campaign: Campaign): Promise<ResponseRates> {
  const counts = await store.collection(responsesCollection).aggregate<{ _id: string; answers: number }>([
    { $match: { campaignId: campaign._id } },
    { $group: { _id: '$schoolId', answers: { $sum: 1 } } },
  ]);
  const bySchool = new Map(counts.map((c) => [c._id, c.answers]));
  const schools = new Map((await listSchools(store)).map((s) => [s._id, s]));
  const rows = campaign.schoolIds.map((schoolId): SchoolRate => {
    const school = schools.get(schoolId);
    const answers = bySchool.get(schoolId) ?? 0;
    const target = campaign.targets?.[schoolId] ?? null;
    return { schoolId, number: school?.number ?? null, shortName: school?.shortName ?? null, answers, target, rate: percent(answers, target) };
  });
  const answers = rows.reduce((sum, r) => sum + r.answers, 0);
  const allTargeted = rows.every((r) => r.target !== null);
  const target = allTargeted ? rows.reduce((sum, r) => sum + (r.target ?? 0), 0) : null;
  return { campaignId: campaign._id, schools: rows, total: { answers, target, rate: percent(answers, target) } };
}

/** Whether a school has answered a campaign at all (a school's own form: its coordinator's task is done). */
export async function schoolHasAnswered(store: Store, campaignId: string, schoolId: string): Promise<boolean> {
  return (await store.collection(responsesCollection).findOne({ campaignId, schoolId })) !== null;
}
