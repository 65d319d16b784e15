import { problem } from '../errors';
import type { School } from '../schools/data';
import { getSchool } from '../schools/service';
import type { Store } from '../store';
import { Campaign, campaignsCollection, CampaignLink, linksCollection } from './data';
import { tokenHash, tokenPattern } from './links';

export { countLinkAnswer } from './follow';

export interface OpenLink {
  link: CampaignLink;
  campaign: Campaign;
}

/** The link and campaign behind a token, whatever the day (a school's form is read after its campaign closes), or 404. */
export async function linkByToken(store: Store, token: string): Promise<OpenLink> {
  const unknown = () => problem('link.unknown', { field: 'token' });
  if (!tokenPattern.test(token)) throw unknown();
  const link = await store.collection(linksCollection).findOne({ tokenHash: tokenHash(token) });
  if (!link) throw unknown();
  const campaign = await store.collection(campaignsCollection).findOne({ _id: link.campaignId });
  if (!campaign) throw unknown();
  return { link, campaign };
}

/** Finds the campaign behind a respondent's link and checks it is taking answers today. */
export async function openLink(store: Store, token: string, today: string): Promise<OpenLink> {
  const found = await linkByToken(store, token);
  checkTakingAnswers(found.campaign, today);
  return found;
}

/** Refuses a campaign that is not taking answers today: closed (410) or not open yet (403), with its name and days. */
export function checkTakingAnswers(campaign: Campaign, today: string): void {
  // The survey's name and days go with the refusal, so the page can say which survey and when.
  if (campaign.status === 'closed' || today > campaign.closesOn) {
    throw problem('campaign.closed', {
      details: {
        title: campaign.title,
        closedOn: campaign.closedOn ?? campaign.closesOn,
      },
    });
  }
  if (campaign.status === 'planned' || today < campaign.opensOn) {
    throw problem('campaign.not_open', {
      values: { opensOn: campaign.opensOn },
      details: { title: campaign.title, opensOn: campaign.opensOn },
    });
  }
}

export function linkSchool(store: Store, link: CampaignLink): Promise<School | null> {
  return getSchool(store, link.schoolId);
}
