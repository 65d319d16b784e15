// Planning campaigns: create and change a plan (instrument and version, audience, schools, dates,
// responsible person, targets, stage or reporting year, reminders), every rule checked against the
// store, every change written to the audit log. Input arrives typed (parsed at the route).
import { findUserById } from '../accounts/service';
import { problem } from '../errors';
import { listSchools } from '../schools/service';
import type { Store } from '../store';
import { Actor, type FieldChange, fieldChanges, recordAudit } from './audit';
import { provideForSchools, scheduleAddedSchools } from './added-schools';
import { scheduleCampaignJobs } from './campaign-jobs';
import { audienceOf, Campaign, campaignsCollection } from './data';
import { dayIn } from '../calendar';
import { campaignWindow } from './dates';
import { instrumentFacts, type InstrumentFacts } from './instruments';
import type { CampaignChange, CampaignPlan } from './schema';
import type { LocalizedText } from '../surveys/instrument';

/** Who acts, when, and the cluster's time zone (the day rules). */
export interface CampaignContext {
  actor: Actor;
  now: Date;
  timeZone: string;
  /** The link secret, where a change may issue links (a school added to an open campaign); without it the follow-up job issues them. */
  secret?: string;
}

/**
 * The audit names the schools of a plan, as they are called when it changes ("Лицей № 344"), not
 * by their ids: the log reads without a lookup and outlives a school renamed or removed.
 */
async function withSchoolNames(store: Store, changes: FieldChange[]): Promise<FieldChange[]> {
  if (!changes.some((c) => c.field === 'schoolIds')) return changes;
  const names = new Map((await listSchools(store)).map((s) => [s._id, s.shortName]));
  const named = (ids: unknown) => (Array.isArray(ids) ? ids.map((id: string) => names.get(id) ?? id) : ids);
  return changes.map((c) => (c.field === 'schoolIds' ? { field: 'schools', before: named(c.before), after: named(c.after) } : c));
}

/** Instruments whose campaigns name a period, and which field names it. */
const periodField: Record<string, 'stage' | 'reportingYear'> = {
  'school-checklist': 'stage',
  'school-monitoring': 'reportingYear',
};

/** The plan fields of a campaign (what a coordinator sets), in the order they are shown. */
const planKeys = [
  'title',
  'instrumentId',
  'instrumentVersion',
  'audience',
  'schoolIds',
  'opensOn',
  'closesOn',
  'responsible',
  'targets',
  'classes',
  'stage',
  'reportingYear',
  'reminders',
] as const;

/**
 * Once a campaign is open these stay as they are, each for its reason: links, invitations and answers
 * already depend on them. Schools can still be added (added-schools.ts); a new school may bring its classes.
 */
const fixedOnceOpen = {
  instrumentId: 'answers already given follow this instrument',
  instrumentVersion: 'answers already given follow this version of the instrument',
  audience: 'links and invitations already went to this audience',
  opensOn: 'links and invitations already went out with this opening day',
  stage: 'answers already given are filed under this stage',
  reportingYear: 'answers already given are filed under this reporting year',
} as const;

/** The refusal of a change to an open campaign: which field, and why in a sentence. */
const fixedWhileOpen = (field: string, reason: string) => problem('campaign.open', { field, values: { field, reason } });

/** What an open campaign refuses of a change: a fixed field changed, a school taken away, the classes of a school already taking part. */
function checkOpenChange(current: Campaign, change: CampaignChange): void {
  const differs = (a: unknown, b: unknown) => JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);
  for (const [field, reason] of Object.entries(fixedOnceOpen)) {
    if (field in change && differs(change[field as keyof CampaignChange], current[field as keyof Campaign]))
      throw fixedWhileOpen(field, reason);
  }
  if (change.schoolIds) {
    const removed = current.schoolIds.find((id) => !change.schoolIds!.includes(id));
    if (removed)
      throw fixedWhileOpen(
        `schoolIds.${removed}`,
        'a school taking part already has its links, QR posters and invitations, and may have answers or drafts; schools can be added, not removed',
      );
  }
  if ('classes' in change) {
    for (const schoolId of current.schoolIds) {
      if (differs(change.classes?.[schoolId], current.classes?.[schoolId]))
        throw fixedWhileOpen(`classes.${schoolId}`, 'the class links of a school taking part are already handed out');
    }
  }
}

const invalid = (reason: string, field: string, details?: unknown) => problem('campaign.invalid', { field, values: { reason }, details });

/** Every rule of a plan that needs the store or the calendar. Returns the instrument's facts. */
async function checkPlan(store: Store, plan: CampaignPlan, today: string, closingDateChanged: boolean): Promise<InstrumentFacts> {
  const facts = await instrumentFacts(store, plan.instrumentId, plan.instrumentVersion);
  const expected = audienceOf[facts.respondentType];
  if (plan.audience !== expected) {
    throw invalid(`The instrument "${plan.instrumentId}" is answered by ${expected}; the audience must be "${expected}".`, 'audience');
  }
  if (new Set(plan.schoolIds).size !== plan.schoolIds.length) throw invalid('A school is listed twice.', 'schoolIds');
  const known = new Set((await listSchools(store)).map((s) => s._id));
  const unknown = plan.schoolIds.filter((id) => !known.has(id));
  if (unknown.length) throw invalid(`There is no school with the id ${unknown.map((u) => `"${u}"`).join(', ')}.`, 'schoolIds', { unknown });
  if (plan.closesOn < plan.opensOn) throw invalid('The closing day must not be before the opening day.', 'closesOn');
  if (closingDateChanged && plan.closesOn < today)
    throw invalid(`The closing day ${plan.closesOn} has already passed (today is ${today}).`, 'closesOn');
  const taking = new Set(plan.schoolIds);
  for (const key of ['targets', 'classes'] as const) {
    const stray = Object.keys(plan[key] ?? {}).find((id) => !taking.has(id));
    if (stray) throw invalid(`The school "${stray}" does not take part in this campaign.`, `${key}.${stray}`);
  }
  if (plan.classes) {
    if (!facts.anonymous) throw invalid('Links per class are for anonymous surveys only.', 'classes');
    for (const [schoolId, names] of Object.entries(plan.classes)) {
      if (new Set(names).size !== names.length) throw invalid('A class is listed twice.', `classes.${schoolId}`);
    }
  }
  const period = periodField[plan.instrumentId];
  for (const field of ['stage', 'reportingYear'] as const) {
    if (period === field && plan[field] === undefined) {
      throw invalid(
        field === 'stage' ? "Choose the checklist's stage: october, january or june." : 'Give the reporting year, such as 2025/26.',
        field,
      );
    }
    if (period !== field && plan[field] !== undefined)
      throw invalid(`"${field}" does not apply to the instrument "${plan.instrumentId}".`, field);
  }
  if (plan.reportingYear) {
    const [from, to] = plan.reportingYear.split('/').map(Number);
    if ((from + 1) % 100 !== to) throw invalid('A school year runs over two consecutive years, such as 2025/26.', 'reportingYear');
  }
  if (plan.reminders) {
    if (facts.anonymous) throw invalid('Reminders go to people who have not answered, which an anonymous survey cannot know.', 'reminders');
    if (new Set(plan.reminders).size !== plan.reminders.length) throw invalid('A reminder day is listed twice.', 'reminders');
    const outside = plan.reminders.find((d) => d < plan.opensOn || d > plan.closesOn);
    if (outside)
      throw invalid(`The reminder day ${outside} is outside the campaign's days (${plan.opensOn} to ${plan.closesOn}).`, 'reminders');
  }
  return facts;
}

/**
 * The responsible person as stored: a user of Mera picked by id (who must be active and either
 * cluster-wide or of a school taking part) keeps their name beside the id; a name alone stays as given.
 */
async function resolveResponsible(store: Store, plan: CampaignPlan): Promise<CampaignPlan['responsible']> {
  const { userId } = plan.responsible;
  if (userId === undefined) return plan.responsible;
  const user = await findUserById(store, userId);
  if (!user || !user.active) throw invalid('There is no active user with this id to be responsible.', 'responsible');
  if (user.schoolId && !plan.schoolIds.includes(user.schoolId))
    throw invalid('The responsible person must work in the cluster or in a school taking part.', 'responsible');
  return { userId, name: user.name || user.email };
}

type PlanFields = Pick<Campaign, (typeof planKeys)[number]>;

function planOf(campaign: Campaign): PlanFields {
  const plan: Record<string, unknown> = {};
  for (const key of planKeys) if (campaign[key] !== undefined) plan[key] = campaign[key];
  return plan as unknown as PlanFields;
}

/** The stored fields a plan gives: defaults filled, lists in order, the window as instants. */
function planFields(plan: CampaignPlan, facts: InstrumentFacts, timeZone: string) {
  const fields: Record<string, unknown> = { ...plan, title: plan.title ?? facts.title };
  if (plan.reminders) fields.reminders = [...plan.reminders].sort();
  for (const [key, value] of Object.entries(fields)) if (value === undefined) delete fields[key];
  return { ...(fields as PlanFields), ...campaignWindow(plan.opensOn, plan.closesOn, timeZone) };
}

export async function loadCampaign(store: Store, id: string): Promise<Campaign> {
  const campaign = await store.collection(campaignsCollection).findOne({ _id: id });
  if (!campaign) throw problem('campaign.not_found', { field: 'id' });
  return campaign;
}

/** A campaign, or null when there is none with this id (for components that answer with their own refusal). */
export function findCampaign(store: Store, id: string): Promise<Campaign | null> {
  return store.collection(campaignsCollection).findOne({ _id: id });
}

/** The campaigns with these ids, in no particular order; ids that name none are left out. */
export function campaignsByIds(store: Store, ids: string[]): Promise<Campaign[]> {
  return store.collection(campaignsCollection).find({ _id: { $in: ids } });
}

/** Earlier campaigns of the same instrument (opened before this one, not merely planned), the most recent first. */
export function earlierCampaigns(store: Store, campaign: Campaign, limit: number): Promise<Campaign[]> {
  return store
    .collection(campaignsCollection)
    .find(
      { instrumentId: campaign.instrumentId, opensOn: { $lt: campaign.opensOn }, status: { $ne: 'planned' } },
      { sort: { opensOn: -1 }, limit },
    );
}

/** `demo`: planned by the demo seed, so the demo start page may list its links. */
export async function createCampaign(
  store: Store,
  plan: CampaignPlan,
  ctx: CampaignContext,
  options: { demo?: boolean } = {},
): Promise<Campaign> {
  const facts = await checkPlan(store, plan, dayIn(ctx.timeZone, ctx.now), true);
  const fields = planFields({ ...plan, responsible: await resolveResponsible(store, plan) }, facts, ctx.timeZone);
  const campaign = await store.collection(campaignsCollection).insertOne({
    ...fields,
    status: 'planned',
    revision: 1,
    demo: options.demo === true,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await recordAudit(store, {
    campaignId: campaign._id,
    revision: 1,
    at: ctx.now,
    actor: ctx.actor,
    action: 'created',
    changes: await withSchoolNames(store, fieldChanges({}, planOf(campaign))),
  });
  return campaign;
}

/** The filter that matches a campaign only as it was read (its revision), so concurrent edits never overwrite each other. */
export function sameRevision(campaign: Campaign) {
  return { _id: campaign._id, revision: campaign.revision ?? { $exists: false } };
}

/** Applies a change made on the campaign at `revision` (when given): a stale one throws campaign.changed, nothing changed. */
export async function updateCampaign(
  store: Store,
  id: string,
  change: CampaignChange,
  ctx: CampaignContext,
  revision?: number,
): Promise<Campaign> {
  const current = await loadCampaign(store, id);
  if (revision !== undefined && revision !== (current.revision ?? 0)) throw problem('campaign.changed');
  if (current.status === 'closed') throw problem('campaign.already_closed', { field: 'status' });
  if (current.status === 'open') checkOpenChange(current, change);
  const merged: Record<string, unknown> = { ...planOf(current) };
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  if (!merged.audience) {
    // A campaign from before audiences were planned (the demo seed's): its instrument says who it asks.
    merged.audience = audienceOf[(await instrumentFacts(store, current.instrumentId, current.instrumentVersion)).respondentType];
  }
  const plan = merged as CampaignPlan;
  const facts = await checkPlan(store, plan, dayIn(ctx.timeZone, ctx.now), plan.closesOn !== current.closesOn);
  const responsible = 'responsible' in change ? await resolveResponsible(store, plan) : plan.responsible;
  const fields = planFields({ ...plan, responsible }, facts, ctx.timeZone);
  const removed = planKeys.filter((key) => current[key] !== undefined && (fields as Record<string, unknown>)[key] === undefined);
  const added = current.status === 'open' ? plan.schoolIds.filter((id) => !current.schoolIds.includes(id)) : [];
  // Written first: should this process stop before the new schools have their links, the job gives them.
  if (added.length) await scheduleAddedSchools(store, id, ctx.now);
  const result = await store.collection(campaignsCollection).updateOne(sameRevision(current), {
    $set: { ...fields, updatedAt: ctx.now },
    ...(removed.length ? { $unset: Object.fromEntries(removed.map((k) => [k, ''])) } : {}),
    $inc: { revision: 1 },
  });
  if (result.matched === 0) throw problem('campaign.changed');
  const updated = await loadCampaign(store, id);
  const changes = await withSchoolNames(store, fieldChanges({ ...planOf(current) }, { ...planOf(updated) }));
  await recordAudit(store, { campaignId: id, revision: updated.revision!, at: ctx.now, actor: ctx.actor, action: 'updated', changes });
  if (updated.status === 'open') {
    await scheduleCampaignJobs(store, updated, ctx.timeZone, ctx.now);
    if (added.length && ctx.secret) await provideForSchools(store, updated, ctx.secret, ctx.now);
  }
  return updated;
}

export interface CampaignFilter {
  status?: 'planned' | 'open' | 'closed';
  schoolId?: string;
  instrumentId?: string;
  from?: string;
  to?: string;
}

/** The titles of some campaigns by id (the audit log across campaigns names each). */
export async function campaignTitles(store: Store, ids: string[]): Promise<Map<string, LocalizedText>> {
  const found = await store.collection(campaignsCollection).find({ _id: { $in: [...new Set(ids)] } }, { projection: { title: 1 } });
  return new Map(found.map((c) => [c._id, c.title]));
}

/** Campaigns by opening day (the calendar of the school year reads them in this order). */
export function listCampaigns(store: Store, filter: CampaignFilter = {}): Promise<Campaign[]> {
  const query: Record<string, unknown> = {};
  if (filter.status) query.status = filter.status;
  if (filter.instrumentId) query.instrumentId = filter.instrumentId;
  if (filter.schoolId) query.schoolIds = filter.schoolId;
  if (filter.from) query.closesOn = { $gte: filter.from };
  if (filter.to) query.opensOn = { $lte: filter.to };
  return store.collection(campaignsCollection).find(query, { sort: { opensOn: 1, createdAt: 1 } });
}
