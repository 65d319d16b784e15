// A school's own forms (the checklist, the monitoring form) are its official return: filled in signed
// in, by the school's coordinator or the colleagues named to the form's working group, saved as a
// draft on the server as it is filled (any member, any device), and sent («Готово») as a revision
// that records who sent it. While the campaign is open the school may correct what it sent: a new
// revision, the earlier ones kept, an entry in the campaign's audit log (each field before → after,
// the reason in words). The one response of the school holds the latest revision, so indicators,
// exports and the report read the latest. After the campaign closes only the cluster coordinator
// can reopen one school's form for a correction.
//
// One monitoring form per school and reporting year: the first revision claims the year (a unique
// _id, which also holds when two arrive at once or on several app instances).
//
// Drafts, revisions and the audit's before → after keep the answers' keys encoded for the store
// ("." and "$" in SurveyJS names: surveys/answer-keys.ts); everything here reads them decoded.
import { listUsers } from '../accounts/service';
import { fieldChanges, recordAudit } from '../campaigns/audit';
import type { PendingRecipients } from '../campaigns/reminders';
import { withCampaignAnswers } from '../campaigns/campaign-answers';
import type { Campaign } from '../campaigns/data';
import { workingGroupOf } from '../campaigns/working-groups';
import { problem } from '../errors';
import type { Actor } from '../http/auth';
import { DuplicateKeyError, type Store } from '../store';
import { getInstrument } from '../surveys/catalogue';
import type { CompiledInstrument } from '../surveys/definition';
import { givenAnswers, storedAnswers, storedValue } from '../surveys/answer-keys';
import { scoreAnswers } from '../surveys/scoring';
import { validateAnswers } from '../surveys/validator';
import {
  type FormAuthor,
  responsesCollection,
  schoolFormDraftsCollection,
  schoolFormReopeningsCollection,
  schoolFormRevisionsCollection,
  type SchoolFormDraft,
  type SchoolFormRevision,
  schoolYearFormsCollection,
} from './data';
import { keepResponse, replaceResponse, responseOf } from './keep';
import { answersPerSchool } from './read';
import { formAccess, mayReopenSchoolForm, type FormAccess } from './policies';

/** Instruments with one form per school and reporting year. */
const oncePerYear = new Set(['school-monitoring']);

/** Whether an instrument is a school's own form (answered by the school, not by people). */
export const isSchoolForm = (compiled: CompiledInstrument) => compiled.instrument.respondentType === 'school';

/**
 * Claims the school's form for the reporting year, or refuses with 409 naming the year. Returns
 * a release to call when the form could not be stored after all; undefined when no claim applies.
 */
async function claimSchoolYear(
  store: Store,
  form: {
    instrumentId: string;
    schoolId: string;
    campaignId: string;
    reportingYear?: string;
    day: string;
    answers: Record<string, unknown>;
  },
): Promise<(() => Promise<void>) | undefined> {
  // Only a year the campaign set (version 2 on); version 1's free choice is left as it was.
  const year = form.reportingYear;
  if (!oncePerYear.has(form.instrumentId) || year === undefined || form.answers.reporting_year !== year) return undefined;
  const _id = `${form.instrumentId}:${form.schoolId}:${year}`;
  const claims = store.collection(schoolYearFormsCollection);
  try {
    await claims.insertOne({ _id, campaignId: form.campaignId, day: form.day });
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    const earlier = await claims.findOne({ _id });
    throw problem('response.already_reported', {
      field: 'reporting_year',
      values: { year, when: earlier ? ` (on ${earlier.day})` : '' },
      details: { reportingYear: year, ...(earlier ? { day: earlier.day } : {}) },
    });
  }
  return async () => {
    await claims.deleteOne({ _id });
  };
}

/** Where the form stands in its campaign's days: taking drafts and revisions (open, or reopened for this school), or not. */
export type FormWindow = 'not-open' | 'open' | 'closed' | 'reopened';

/** A school's form of a campaign, as a signed-in user reaches it. */
export interface FormPlace {
  campaign: Campaign;
  schoolId: string;
  actor: Actor;
  now: Date;
  /** The cluster's calendar day of `now`. */
  today: string;
}

const formKey = (campaignId: string, schoolId: string) => `${campaignId}:${schoolId}`;
const authorOf = (actor: Actor): FormAuthor =>
  actor.kind === 'user' ? { userId: actor.id, name: actor.name } : { userId: 'administrator-token', name: 'API token' };

async function compiledFormOf(store: Store, campaign: Campaign): Promise<CompiledInstrument> {
  const compiled = await getInstrument(store, campaign.instrumentId, campaign.instrumentVersion);
  if (!isSchoolForm(compiled)) throw problem('school_form.not_school_form');
  return compiled;
}

/** What this actor may do with the school's form: fill it in, read it, or nothing (403). */
async function accessTo(store: Store, place: FormPlace, needed: FormAccess): Promise<FormAccess> {
  const group = await workingGroupOf(store, place.campaign._id, place.schoolId);
  const access = formAccess(place.actor, place.campaign, place.schoolId, group);
  if (!access || (needed === 'fill' && access !== 'fill'))
    throw problem('auth.forbidden', {
      values: { reason: "Only the school's coordinator and the colleagues of its working group may fill in this form." },
    });
  return access;
}

async function windowOf(store: Store, campaign: Campaign, schoolId: string, today: string): Promise<FormWindow> {
  if (campaign.status === 'planned' || today < campaign.opensOn) return 'not-open';
  if (campaign.status === 'closed' || today > campaign.closesOn) {
    const reopened = await store.collection(schoolFormReopeningsCollection).findOne({ _id: formKey(campaign._id, schoolId) });
    return reopened ? 'reopened' : 'closed';
  }
  return 'open';
}

function requireEditable(window: FormWindow, campaign: Campaign): void {
  if (window === 'closed') throw problem('school_form.closed');
  if (window === 'not-open')
    throw problem('campaign.not_open', {
      values: { opensOn: campaign.opensOn },
      details: { title: campaign.title, opensOn: campaign.opensOn },
    });
}

/** What the school sent last: its latest revision, or a form sent through its link before revisions were kept (revision 0). */
async function lastSent(store: Store, campaignId: string, schoolId: string) {
  const [latest] = await store
    .collection(schoolFormRevisionsCollection)
    .find({ campaignId, schoolId }, { sort: { revision: -1 }, limit: 1 });
  if (latest) return { revision: latest.revision, answers: givenAnswers(latest.answers), responseId: latest.responseId, latest };
  const [earlier] = await store.collection(responsesCollection).find({ campaignId, schoolId }, { sort: { day: -1 }, limit: 1 });
  return earlier
    ? { revision: 0, answers: givenAnswers(earlier.answers), responseId: earlier._id, day: earlier.day, latest: undefined }
    : undefined;
}

const presentDraft = (d: SchoolFormDraft | null) =>
  d && d.state === 'editing'
    ? { revision: d.revision, answers: givenAnswers(d.answers), updatedBy: d.updatedBy, updatedAt: d.updatedAt.toISOString() }
    : null;

const presentRevision = (r: SchoolFormRevision) => ({
  revision: r.revision,
  by: r.by,
  at: r.at.toISOString(),
  day: r.day,
  ...(r.reason ? { reason: r.reason } : {}),
});

/** The form as its page shows it: the draft, what was sent (latest revision), the revisions, whether it can be changed now. */
export async function schoolFormState(store: Store, place: FormPlace) {
  const { campaign, schoolId } = place;
  const compiled = await compiledFormOf(store, campaign);
  const access = await accessTo(store, place, 'read');
  const key = formKey(campaign._id, schoolId);
  const [draft, sent, revisions, window, group] = await Promise.all([
    store.collection(schoolFormDraftsCollection).findOne({ _id: key }),
    lastSent(store, campaign._id, schoolId),
    store.collection(schoolFormRevisionsCollection).find({ campaignId: campaign._id, schoolId }, { sort: { revision: 1 } }),
    windowOf(store, campaign, schoolId, place.today),
    workingGroupOf(store, campaign._id, schoolId),
  ]);
  return {
    campaign: { id: campaign._id, title: campaign.title, status: campaign.status, opensOn: campaign.opensOn, closesOn: campaign.closesOn },
    schoolId,
    instrument: { id: compiled.instrument.id, version: compiled.instrument.version },
    access,
    window,
    /** Whether this user may save and send now. */
    editable: access === 'fill' && (window === 'open' || window === 'reopened'),
    draft: presentDraft(draft),
    /** The draft's revision a save must name (0 before the first save). */
    draftRevision: draft?.revision ?? 0,
    submitted: sent
      ? {
          revision: sent.revision,
          answers: sent.answers,
          ...(sent.latest ? { by: sent.latest.by, at: sent.latest.at.toISOString(), day: sent.latest.day } : { day: sent.day }),
        }
      : null,
    revisions: revisions.map(presentRevision),
    group,
  };
}

/** A draft save conflicting with a later one: 409 with the current draft, for the page to show. */
async function draftConflict(store: Store, key: string, basedOn: number) {
  const current = await store.collection(schoolFormDraftsCollection).findOne({ _id: key });
  return problem('school_form.draft_conflict', {
    field: 'basedOn',
    values: { current: current?.revision ?? 0, basedOn },
    details: { draft: presentDraft(current), draftRevision: current?.revision ?? 0 },
  });
}

/**
 * Saves the answers so far. `basedOn` is the draft revision the page started from (0 for none): a
 * save based on a draft that someone else has replaced meanwhile is refused (409 with the current draft).
 */
export async function saveSchoolFormDraft(store: Store, place: FormPlace, answers: Record<string, unknown>, basedOn: number) {
  const { campaign, schoolId, actor, now } = place;
  const compiled = await compiledFormOf(store, campaign);
  await accessTo(store, place, 'fill');
  requireEditable(await windowOf(store, campaign, schoolId, place.today), campaign);
  for (const name of Object.keys(answers))
    if (!compiled.questions.answerKeys.has(name))
      throw problem('response.unknown_question', { field: `answers.${name}`, values: { question: name, what: 'survey' } });
  const key = formKey(campaign._id, schoolId);
  const drafts = store.collection(schoolFormDraftsCollection);
  const fields = { answers: storedAnswers(answers), state: 'editing' as const, updatedBy: authorOf(actor), updatedAt: now };
  if (basedOn === 0) {
    try {
      await drafts.insertOne({ _id: key, campaignId: campaign._id, schoolId, revision: 1, ...fields });
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
      throw await draftConflict(store, key, basedOn);
    }
    return { revision: 1 };
  }
  const saved = await drafts.updateOne({ _id: key, revision: basedOn }, { $set: fields, $inc: { revision: 1 } });
  if (saved.matched === 0) throw await draftConflict(store, key, basedOn);
  return { revision: basedOn + 1 };
}

/**
 * Sends the form: its first revision, or a correction of the last one (`basedOn`, with a reason in
 * words). The school's response takes the answers (a new one, or the same one corrected), so every
 * reader sees the latest; the revision keeps who sent it.
 */
export async function submitSchoolForm(
  store: Store,
  place: FormPlace,
  given: Record<string, unknown>,
  options: { basedOn: number; reason?: string },
) {
  const { campaign, schoolId, actor, now, today } = place;
  const compiled = await compiledFormOf(store, campaign);
  await accessTo(store, place, 'fill');
  const window = await windowOf(store, campaign, schoolId, today);
  requireEditable(window, campaign);
  const { answers, dropped } = validateAnswers(compiled.questions, withCampaignAnswers(compiled.questions, campaign, given));
  if (Object.keys(answers).length === 0) throw problem('response.empty', { field: 'answers' });
  const { scoring } = compiled.instrument;
  const scores = scoring && compiled.scoringItems ? scoreAnswers(scoring, compiled.scoringItems, answers) : undefined;

  const sent = await lastSent(store, campaign._id, schoolId);
  const current = sent?.revision ?? 0;
  if (options.basedOn !== current) throw problem('school_form.stale', { field: 'basedOn', values: { current } });
  const reason = options.reason?.trim();
  if (sent && !reason) throw problem('school_form.reason_required', { field: 'reason' });

  const revisions = store.collection(schoolFormRevisionsCollection);
  const revision = current + 1;
  const _id = `${formKey(campaign._id, schoolId)}:${revision}`;
  const by = authorOf(actor);
  try {
    await revisions.insertOne({
      _id,
      campaignId: campaign._id,
      schoolId,
      revision,
      ...(sent?.responseId ? { responseId: sent.responseId } : {}),
      answers: storedAnswers(answers),
      by,
      at: now,
      day: today,
      ...(reason ? { reason } : {}),
    });
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    throw problem('school_form.stale', { field: 'basedOn', values: { current: revision } });
  }

  if (!sent) {
    let release: (() => Promise<void>) | undefined;
    try {
      release = await claimSchoolYear(store, {
        instrumentId: campaign.instrumentId,
        schoolId,
        campaignId: campaign._id,
        reportingYear: campaign.reportingYear,
        day: today,
        answers,
      });
      const stored = await keepResponse(store, responseOf(campaign, schoolId, compiled, today, answers, scores));
      await revisions.updateOne({ _id }, { $set: { responseId: stored._id } });
    } catch (err) {
      await revisions.deleteOne({ _id });
      await release?.();
      throw err;
    }
  } else {
    if (sent.responseId) await replaceResponse(store, sent.responseId, { answers, day: today, ...(scores ? { scores } : {}) });
    await recordAudit(store, {
      campaignId: campaign._id,
      revision: campaign.revision ?? 0,
      at: now,
      actor: { kind: 'user', userId: by.userId, name: by.name },
      action: 'form-corrected',
      // Named as the survey names them; a value's own keys (a matrix row's columns) encoded for the store.
      changes: fieldChanges(sent.answers, answers).map((c) => ({ ...c, before: storedValue(c.before), after: storedValue(c.after) })),
      schoolId,
      ...(reason ? { reason } : {}),
    });
  }
  // The draft became this revision (its numbering goes on); a reopening is used up.
  await store
    .collection(schoolFormDraftsCollection)
    .updateOne({ _id: formKey(campaign._id, schoolId) }, { $set: { state: 'sent' }, $inc: { revision: 1 } });
  if (window === 'reopened') await store.collection(schoolFormReopeningsCollection).deleteOne({ _id: formKey(campaign._id, schoolId) });
  return { received: true as const, revision, dropped, ...(scores ? { scores } : {}) };
}

/** The cluster coordinator reopens one school's form of a closed campaign for a correction. */
export async function reopenSchoolForm(store: Store, place: FormPlace, reason: string | undefined) {
  const { campaign, schoolId, actor, now, today } = place;
  await compiledFormOf(store, campaign);
  if (!mayReopenSchoolForm(actor, campaign, schoolId))
    throw problem('auth.forbidden', { values: { reason: "Only the cluster coordinator may reopen a school's form." } });
  const window = await windowOf(store, campaign, schoolId, today);
  if (window === 'open' || window === 'not-open') throw problem('school_form.still_open');
  if (!(await lastSent(store, campaign._id, schoolId))) throw problem('school_form.not_submitted');
  const by = authorOf(actor);
  const text = reason?.trim();
  await store
    .collection(schoolFormReopeningsCollection)
    .updateOne(
      { _id: formKey(campaign._id, schoolId) },
      { $set: { campaignId: campaign._id, schoolId, by, at: now, ...(text ? { reason: text } : {}) } },
      { upsert: true },
    );
  await recordAudit(store, {
    campaignId: campaign._id,
    revision: campaign.revision ?? 0,
    at: now,
    actor: actor.kind === 'user' ? { kind: 'user', userId: actor.id, name: actor.name } : { kind: 'administrator' },
    action: 'form-reopened',
    changes: [],
    schoolId,
    ...(text ? { reason: text } : {}),
  });
  return { reopened: true as const };
}

/**
 * Whom a school form's reminder goes to: the active coordinators of the campaign's schools that have
 * not sent the form (nobody for other instruments). The daily cap is the reminders' (campaigns/reminders.ts).
 */
export function pendingSchoolCoordinators(store: Store): PendingRecipients {
  return async (campaign) => {
    const compiled = await getInstrument(store, campaign.instrumentId, campaign.instrumentVersion);
    if (!isSchoolForm(compiled)) return [];
    const [coordinators, answered] = await Promise.all([
      listUsers(store, { schoolIds: campaign.schoolIds, roles: ['school-coordinator'] }),
      answersPerSchool(store, campaign._id),
    ]);
    return coordinators
      .filter((u) => u.active && u.schoolId && !answered.has(u.schoolId))
      .map((u) => ({ personId: u._id, email: u.email, name: u.name || undefined, locale: u.locale, schoolForm: true as const }));
  };
}

/** Per school, the answers of a campaign's forms that changed since the form was first sent (the results page marks them). */
export async function changedSinceFirstSent(store: Store, campaignId: string): Promise<Record<string, string[]>> {
  const bySchool = new Map<string, SchoolFormRevision[]>();
  for (const r of await store.collection(schoolFormRevisionsCollection).find({ campaignId }, { sort: { revision: 1 } }))
    bySchool.set(r.schoolId, [...(bySchool.get(r.schoolId) ?? []), r]);
  const out: Record<string, string[]> = {};
  for (const [schoolId, revisions] of bySchool) {
    if (revisions.length < 2) continue;
    const [first, last] = [revisions[0], revisions[revisions.length - 1]].map((r) => givenAnswers(r.answers));
    const fields = fieldChanges(first, last).map((c) => c.field);
    if (fields.length > 0) out[schoolId] = fields;
  }
  return out;
}
