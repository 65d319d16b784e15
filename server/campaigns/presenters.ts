// What the campaign routes answer, shaped in one place: a campaign, its audit entries, its links,
// its response rates, a person's tasks and a respondent's link page.
import type { Campaign } from './data';
import type { CampaignView } from './views';
import type { AuditEntry } from './audit';
import type { ResponseRates } from './follow';
import type { IssuedLink } from './launch';
import type { Task } from './tasks';
import type { LocalizedText } from '../surveys/instrument';
import { givenValue } from '../surveys/answer-keys';
import type { School } from '../schools/data';
import { presentSchool } from '../schools/presenters';

/** A campaign as the API shows it. */
export function presentCampaign(c: Campaign): CampaignView {
  return {
    id: c._id,
    title: c.title,
    instrumentId: c.instrumentId,
    instrumentVersion: c.instrumentVersion,
    audience: c.audience ?? null,
    schoolIds: c.schoolIds,
    status: c.status,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    opensAt: c.opensAt?.toISOString() ?? null,
    closesAt: c.closesAt?.toISOString() ?? null,
    responsible: c.responsible ?? null,
    targets: c.targets ?? {},
    classes: c.classes ?? {},
    stage: c.stage ?? null,
    reportingYear: c.reportingYear ?? null,
    reminders: c.reminders ?? [],
    closedOn: c.closedOn ?? null,
    revision: c.revision ?? 0,
    demo: c.demo,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt?.toISOString() ?? null,
  };
}

/** An audit entry; across campaigns it names its campaign's title too (null once the campaign is gone). */
export function presentAuditEntry(e: AuditEntry, campaignTitle?: LocalizedText | null) {
  return {
    campaignId: e.campaignId,
    revision: e.revision,
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    // A corrected form's answers are kept with their keys encoded (responses/school-forms.ts).
    changes:
      e.action === 'form-corrected'
        ? e.changes.map((c) => ({ ...c, before: givenValue(c.before), after: givenValue(c.after) }))
        : e.changes,
    ...(e.schoolId ? { schoolId: e.schoolId } : {}),
    ...(e.reason ? { reason: e.reason } : {}),
    ...(campaignTitle !== undefined ? { campaignTitle } : {}),
  };
}

/** A link as a coordinator prints it: its full URL (`base` is the site), and the addresses of its QR codes and poster. */
export function presentLink(link: IssuedLink, campaignId: string, school: School | undefined, base: string) {
  const own = `/api/campaigns/${campaignId}/links/${link.id}`;
  return {
    id: link.id,
    schoolId: link.schoolId,
    school: school ? presentSchool(school) : null,
    className: link.className,
    url: linkUrl(base, link),
    qrPng: `${own}/qr.png`,
    qrSvg: `${own}/qr.svg`,
    poster: `${own}/poster.pdf`,
  };
}

/** Where a respondent opens a link. */
export const linkUrl = (base: string, link: Pick<IssuedLink, 'token'>) => `${base}/s/${link.token}`;

/**
 * Response rates as a reader may see them: everything, or for a school coordinator (`ownSchool`)
 * their school's row and class links, and the total of that row alone.
 */
export function presentResponseRates(rates: ResponseRates, ownSchool?: string) {
  if (!ownSchool) return rates;
  const own = rates.schools.filter((s) => s.schoolId === ownSchool);
  return {
    ...rates,
    schools: own,
    classes: rates.classes.filter((c) => c.schoolId === ownSchool),
    total: own[0] ? { answers: own[0].answers, target: own[0].target, rate: own[0].rate } : { answers: 0, target: null, rate: null },
  };
}

export const presentTask = (t: Task) => ({
  campaignId: t.campaignId,
  title: t.title,
  instrumentId: t.instrumentId,
  kind: t.kind,
  closesOn: t.closesOn,
  path: t.path,
  status: t.status,
});

/** What a respondent's page gets for a link: the survey's name and closing day, the school, the instrument to show. */
export function presentLinkPage<I>(campaign: Campaign, school: School | null, instrument: I, contactQuestions: string[] = []) {
  return {
    campaign: { title: campaign.title, closesOn: campaign.closesOn },
    school: school ? presentSchool(school) : null,
    instrument,
    /** The questions asking for contact details, which the page names above the survey. */
    contactQuestions,
  };
}
