// Launching and ending campaigns: open (issue the links of anonymous surveys, schedule closing and
// reminders), close by hand or at the closing date, reopen. Every transition is recorded.
import { problem } from '../errors';
import type { Store } from '../store';
import { recordAudit } from './audit';
import { scheduleCampaignJobs } from './campaign-jobs';
import { Campaign, campaignsCollection, linksCollection } from './data';
import { dayIn } from '../calendar';
import { campaignWindow } from './dates';
import { scheduleInvitations } from './invitations';
import { answersByLink, issueLinks, linkToken } from './links';
import { instrumentFacts } from './instruments';
import { CampaignContext, loadCampaign, sameRevision } from './planning';

const changed = () => problem('campaign.changed');

/** Opens a planned campaign: from now on its links take answers on the days it runs. */
export async function openCampaign(store: Store, id: string, ctx: CampaignContext & { secret: string }): Promise<Campaign> {
  const campaign = await loadCampaign(store, id);
  if (campaign.status !== 'planned') {
    throw problem('campaign.not_planned', { field: 'status' });
  }
  const today = dayIn(ctx.timeZone, ctx.now);
  if (campaign.closesOn < today)
    throw problem('campaign.closing_day_passed', { field: 'closesOn', values: { closesOn: campaign.closesOn } });
  const facts = await instrumentFacts(store, campaign.instrumentId, campaign.instrumentVersion);
  const result = await store.collection(campaignsCollection).updateOne(sameRevision(campaign), {
    $set: { status: 'open', updatedAt: ctx.now },
    $inc: { revision: 1 },
  });
  if (result.matched === 0) throw changed();
  // Anonymous audiences answer through links, and so does a school's own form (the checklist, the
  // monitoring form: its coordinator's task opens it); teachers' diagnostics are answered signed in.
  if (answersByLink(facts)) await issueLinks(store, campaign, ctx.secret);
  const opened = await loadCampaign(store, id);
  await recordAudit(store, {
    campaignId: id,
    revision: opened.revision!,
    at: ctx.now,
    actor: ctx.actor,
    action: 'opened',
    changes: [{ field: 'status', before: 'planned', after: 'open' }],
  });
  await scheduleCampaignJobs(store, opened, ctx.timeZone, ctx.now);
  await scheduleInvitations(store, opened, ctx.now);
  return opened;
}

/**
 * Closes an open campaign. By hand any time; with `onlyWhenDue` (the closing job) only once its
 * closing day is over, and quietly when there is nothing to do.
 */
export async function closeCampaign(
  store: Store,
  id: string,
  ctx: CampaignContext,
  options: { onlyWhenDue?: boolean } = {},
): Promise<Campaign> {
  const campaign = await loadCampaign(store, id);
  const today = dayIn(ctx.timeZone, ctx.now);
  if (options.onlyWhenDue && (campaign.status !== 'open' || today <= campaign.closesOn)) return campaign;
  // Closing a campaign that was never opened, or closing it twice (a respondent's link to a campaign
  // outside its days is campaign.not_open or campaign.closed: other codes, other statuses).
  if (campaign.status === 'planned') throw problem('campaign.still_planned', { field: 'status' });
  if (campaign.status !== 'open') throw problem('campaign.already_closed', { field: 'status' });
  const closedOn = today < campaign.closesOn ? today : campaign.closesOn;
  const result = await store.collection(campaignsCollection).updateOne(sameRevision(campaign), {
    $set: { status: 'closed', closedOn, updatedAt: ctx.now },
    $inc: { revision: 1 },
  });
  if (result.matched === 0) {
    if (options.onlyWhenDue) return loadCampaign(store, id); // closed by hand meanwhile
    throw changed();
  }
  const closed = await loadCampaign(store, id);
  await recordAudit(store, {
    campaignId: id,
    revision: closed.revision!,
    at: ctx.now,
    actor: ctx.actor,
    action: 'closed',
    changes: [
      { field: 'status', before: 'open', after: 'closed' },
      { field: 'closedOn', before: campaign.closedOn ?? null, after: closedOn },
    ],
  });
  return closed;
}

/** Reopens a closed campaign, with a new closing day when the old one has passed. */
export async function reopenCampaign(
  store: Store,
  id: string,
  change: { closesOn?: string },
  ctx: CampaignContext & { secret: string },
): Promise<Campaign> {
  const campaign = await loadCampaign(store, id);
  if (campaign.status !== 'closed') throw problem('campaign.not_closed', { field: 'status' });
  const today = dayIn(ctx.timeZone, ctx.now);
  const closesOn = change.closesOn ?? campaign.closesOn;
  if (closesOn < today) {
    throw problem('campaign.invalid', {
      field: 'closesOn',
      values: {
        reason: change.closesOn
          ? `The closing day ${closesOn} has already passed (today is ${today}).`
          : `The closing day ${closesOn} has passed: give a new one to reopen.`,
      },
    });
  }
  if (closesOn < campaign.opensOn)
    throw problem('campaign.invalid', { field: 'closesOn', values: { reason: 'The closing day must not be before the opening day.' } });
  const { closesAt } = campaignWindow(campaign.opensOn, closesOn, ctx.timeZone);
  const result = await store.collection(campaignsCollection).updateOne(sameRevision(campaign), {
    $set: { status: 'open', closesOn, closesAt, updatedAt: ctx.now },
    $unset: { closedOn: '' },
    $inc: { revision: 1 },
  });
  if (result.matched === 0) throw changed();
  const reopened = await loadCampaign(store, id);
  const facts = await instrumentFacts(store, campaign.instrumentId, campaign.instrumentVersion).catch(() => undefined);
  if (facts && answersByLink(facts)) await issueLinks(store, reopened, ctx.secret);
  const changes: { field: string; before: unknown; after: unknown }[] = [{ field: 'status', before: 'closed', after: 'open' }];
  if (campaign.closedOn) changes.push({ field: 'closedOn', before: campaign.closedOn, after: null });
  if (closesOn !== campaign.closesOn) changes.push({ field: 'closesOn', before: campaign.closesOn, after: closesOn });
  await recordAudit(store, { campaignId: id, revision: reopened.revision!, at: ctx.now, actor: ctx.actor, action: 'reopened', changes });
  await scheduleCampaignJobs(store, reopened, ctx.timeZone, ctx.now);
  await scheduleInvitations(store, reopened, ctx.now);
  return reopened;
}

export interface IssuedLink {
  id: string;
  schoolId: string;
  className: string | null;
  token: string;
}

/** A campaign's links with their tokens (derived again from the secret: the store keeps only hashes). */
export async function campaignLinks(store: Store, campaignId: string, secret: string): Promise<IssuedLink[]> {
  const links = await store.collection(linksCollection).find({ campaignId }, { sort: { schoolId: 1, className: 1 } });
  return links.map((l) => ({ id: l._id, schoolId: l.schoolId, className: l.className ?? null, token: linkToken(secret, l._id) }));
}
