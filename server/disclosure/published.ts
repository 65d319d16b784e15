// No differencing over time. Two readings of a result a moment apart must not tell what one new
// answer was, so a group's published counts (what every value is computed from) are not its live
// counts: they are replaced by the live ones only once the group has gained at least the minimum
// group of answers since they were last published (from none: a group is first published when it
// reaches the minimum group). Every value is a sum of groups, so every change between two readings
// is the sum of whole steps of at least the minimum group. Response counts stay live (they say
// nothing about answers). The published state is kept in the store (several instances agree).
import { DuplicateKeyError, type Store } from '../store';
import { publishedGroupsCollection } from './data';

/** A live group as the caller keeps it: its id, campaign and respondents, and whatever counts it holds. */
export interface LiveGroup {
  _id: string;
  campaignId: string;
  respondents?: number;
}

/**
 * The published version of each live group of one campaign: the stored one, or the live one when
 * it has gained at least `minGroup` answers since (stored as the new published state). Groups
 * never published and still below the minimum group are left out: they count in no value.
 */
export async function publishedGroups<G extends LiveGroup>(
  store: Store,
  campaignId: string,
  live: readonly G[],
  minGroup: number,
): Promise<G[]> {
  const published = store.collection(publishedGroupsCollection);
  const stored = new Map((await published.find({ campaignId })).map((p) => [p._id, p]));
  const out: G[] = [];
  for (const group of live) {
    const respondents = group.respondents ?? 0;
    const before = stored.get(group._id);
    const since = respondents - (before?.respondents ?? 0);
    if (since >= minGroup) {
      out.push(await publish(store, group, before?.respondents));
      continue;
    }
    if (before) out.push(before.counts as unknown as G);
  }
  return out;
}

/** Stores a group's live counts as published, unless another instance published it first (then its version). */
async function publish<G extends LiveGroup>(store: Store, group: G, previous: number | undefined): Promise<G> {
  const published = store.collection(publishedGroupsCollection);
  const doc = { campaignId: group.campaignId, respondents: group.respondents ?? 0, counts: { ...group } as Record<string, unknown> };
  if (previous === undefined) {
    try {
      await published.insertOne({ _id: group._id, ...doc });
      return group;
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
  } else {
    const { matched } = await published.updateOne({ _id: group._id, respondents: previous }, { $set: doc });
    if (matched === 1) return group;
  }
  const winner = await published.findOne({ _id: group._id });
  return (winner?.counts ?? group) as unknown as G;
}

/** Respondents published per group of a campaign (the row export gives a group's rows only when all of them are published). */
export async function publishedRespondents(store: Store, campaignId: string): Promise<Map<string, number>> {
  return new Map((await store.collection(publishedGroupsCollection).find({ campaignId })).map((p) => [p._id, p.respondents]));
}
