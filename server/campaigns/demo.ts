// The demo start page's campaigns: only those the demo seed marked as demo (real campaigns never
// are), each with its links' paths, so a newcomer can try a survey.
import type { Store } from '../store';
import { campaignsCollection, linksCollection } from './data';
import { linkToken } from './links';

export async function demoCampaigns(store: Store, secret: string) {
  // Open campaigns first (the ones a newcomer can answer), then the closed ones, latest first.
  const campaigns = (await store.collection(campaignsCollection).find({ demo: true }, { sort: { opensOn: -1, createdAt: -1 } })).sort(
    (a, b) => Number(b.status === 'open') - Number(a.status === 'open'),
  );
  const links = await store.collection(linksCollection).find({ campaignId: { $in: campaigns.map((c) => c._id) } });
  return campaigns.map((c) => ({
    id: c._id,
    title: c.title,
    instrumentId: c.instrumentId,
    status: c.status,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    // In the campaign's order of schools (the store returns links in no particular order).
    links: links
      .filter((l) => l.campaignId === c._id)
      .sort((a, b) => c.schoolIds.indexOf(a.schoolId) - c.schoolIds.indexOf(b.schoolId))
      .map((l) => ({ schoolId: l.schoolId, path: `/s/${linkToken(secret, l._id)}` })),
  }));
}
