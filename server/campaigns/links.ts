// Link tokens: derived from a server secret and the link's id (HMAC-SHA256, 144 bits), so a
// coordinator can be shown a link again while the store keeps only the token's hash. Issuing the
// links a campaign lacks: one per school, or one per class.
import crypto from 'node:crypto';
import { DuplicateKeyError, type Store } from '../store';
import { storedSecret } from '../system/settings';
import { type Campaign, linksCollection } from './data';

const LINK_SECRET_SETTING = 'link-secret';

/** MERA_SECRET when configured; otherwise one random secret kept in the store and shared by every instance. */
export function linkSecret(store: Store, configured: string | undefined): Promise<string> {
  return storedSecret(store, LINK_SECRET_SETTING, configured);
}

export function linkToken(secret: string, linkId: string): string {
  return crypto.createHmac('sha256', secret).update(`link:${linkId}`).digest('base64url').slice(0, 24);
}

export function tokenHash(token: string): string {
  // One-shot hash: a third of createHash().update().digest()'s cost, on every submission.
  return crypto.hash('sha256', token, 'hex');
}

export const tokenPattern = /^[A-Za-z0-9_-]{24}$/;

/** Whether a campaign's answers come through links (anonymous surveys, a school's own form) rather than signed in. */
export const answersByLink = (facts: { anonymous: boolean; respondentType: string }) =>
  facts.anonymous || facts.respondentType === 'school';

/**
 * A link's id, the same every time for the same campaign, school and class: issuing twice at once
 * (a change and its follow-up job, two instances) meets the first one's link as a duplicate _id
 * instead of handing out a second link. The token still needs the secret.
 */
function issuedLinkId(campaignId: string, schoolId: string, className?: string): string {
  return crypto.hash('sha256', `link:${campaignId}:${schoolId}:${className ?? ''}`, 'hex').slice(0, 24);
}

/** Issues the links a campaign still lacks: one per school, or one per class where classes are listed. Returns how many. */
export async function issueLinks(store: Store, campaign: Campaign, secret: string): Promise<number> {
  const links = store.collection(linksCollection);
  const existing = new Set((await links.find({ campaignId: campaign._id })).map((l) => `${l.schoolId}/${l.className ?? ''}`));
  let issued = 0;
  for (const schoolId of campaign.schoolIds) {
    for (const className of campaign.classes?.[schoolId] ?? [undefined]) {
      if (existing.has(`${schoolId}/${className ?? ''}`)) continue;
      const _id = issuedLinkId(campaign._id, schoolId, className);
      try {
        await links.insertOne({
          _id,
          campaignId: campaign._id,
          schoolId,
          ...(className ? { className } : {}),
          tokenHash: tokenHash(linkToken(secret, _id)),
        });
        issued++;
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err; // issued meanwhile by another run
      }
    }
  }
  return issued;
}
