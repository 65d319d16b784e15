// Campaigns (an instrument version run in some schools between two dates) and their links.
// A link's token is never stored: only its SHA-256, which is how a token is looked up.
import { defineCollection, Mixed } from '../store';
import type { LocalizedText } from '../surveys/instrument';

export type CampaignStatus = 'planned' | 'open' | 'closed';

export interface Campaign {
  _id: string;
  title: LocalizedText;
  instrumentId: string;
  instrumentVersion: number;
  schoolIds: string[];
  status: CampaignStatus;
  /** Calendar days (YYYY-MM-DD) in the cluster's time zone. */
  opensOn: string;
  closesOn: string;
  /** Demo data: its links may be listed on the demo start page. */
  demo: boolean;
  createdAt: Date;
}

export interface CampaignLink {
  _id: string;
  campaignId: string;
  schoolId: string;
  tokenHash: string;
}

const day = { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ };

export const campaignsCollection = defineCollection<Campaign>('campaigns', {
  title: { type: Mixed, required: true },
  instrumentId: { type: String, required: true },
  instrumentVersion: { type: Number, required: true },
  schoolIds: { type: [String], required: true },
  status: { type: String, required: true, enum: ['planned', 'open', 'closed'] },
  opensOn: day,
  closesOn: day,
  demo: { type: Boolean, default: false },
  createdAt: { type: Date, required: true },
}, [{ fields: { status: 1 } }]);

export const linksCollection = defineCollection<CampaignLink>('links', {
  campaignId: { type: String, required: true },
  schoolId: { type: String, required: true },
  tokenHash: { type: String, required: true },
}, [{ fields: { tokenHash: 1 }, unique: true }, { fields: { campaignId: 1 } }]);
