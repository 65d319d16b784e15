// Test support: an uploaded instrument (as an administrator uploads one) with a campaign open today
// for one school, and the token of that school's link, made as a coordinator would.
import { dayIn } from '../../server/calendar';
import { linksCollection } from '../../server/campaigns/data';
import { addDays } from '../../server/campaigns/dates';
import { openCampaign } from '../../server/campaigns/launch';
import { linkSecret, linkToken } from '../../server/campaigns/links';
import { createCampaign } from '../../server/campaigns/planning';
import { schoolsCollection } from '../../server/schools/data';
import { uploadInstrument } from '../../server/surveys/catalogue';
import type { TestMera } from './mera';

const audienceOf = { parent: 'parents', student: 'students', teacher: 'teachers', school: 'school-coordinators' } as const;

type Envelope = { id: string; respondentType: keyof typeof audienceOf; anonymous: boolean } & Record<string, unknown>;

/** Uploads `envelope` and opens a campaign of it today at the first school; returns that school's link token. */
export async function uploadedSurveyLink(
  mera: TestMera,
  envelope: Envelope,
): Promise<{ token: string; campaignId: string; schoolId: string; version: number }> {
  const opened = await uploadedCampaign(mera, envelope);
  const [link] = await mera.store.collection(linksCollection).find({ campaignId: opened.campaignId });
  return { token: linkToken(opened.secret, link._id), campaignId: opened.campaignId, schoolId: opened.schoolId, version: opened.version };
}

/** The same without a link (a teacher's personal diagnostic has none: it is answered signed in). */
export async function uploadedCampaign(
  mera: TestMera,
  envelope: Envelope,
): Promise<{ campaignId: string; schoolId: string; version: number; secret: string }> {
  const uploaded = await uploadInstrument(mera.store, envelope);
  const [school] = await mera.store.collection(schoolsCollection).find({}, { sort: { _id: 1 }, limit: 1 });
  const now = new Date();
  const today = dayIn(mera.config.timeZone, now);
  const ctx = { actor: { kind: 'administrator' as const }, now, timeZone: mera.config.timeZone };
  const planned = await createCampaign(
    mera.store,
    {
      instrumentId: uploaded.id,
      instrumentVersion: uploaded.version,
      audience: audienceOf[envelope.respondentType],
      schoolIds: [school._id],
      opensOn: today,
      closesOn: addDays(today, 30),
      responsible: { name: 'Ирина Петровна Смирнова' },
    },
    ctx,
  );
  const secret = await linkSecret(mera.store, mera.config.secret);
  const campaign = await openCampaign(mera.store, planned._id, { ...ctx, secret });
  return { campaignId: campaign._id, schoolId: school._id, version: uploaded.version, secret };
}
