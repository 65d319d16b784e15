// The teacher's own diagnostics: the open campaigns of personal (non-anonymous) instruments for
// their school, answers saved as they go (resume another day), submission scored on the server,
// and the profile: every submitted diagnostic, oldest first, so change over time shows.
import { now as clockNow } from '../clock';
import type { Campaign } from '../campaigns/data';
import { instrumentFacts } from '../campaigns/instruments';
import { campaignsByIds, findCampaign, listCampaigns } from '../campaigns/planning';
import type { PendingRecipients } from '../campaigns/reminders';
import { problem } from '../errors';
import { keepResponse, replaceMatchingResponse, responseOf } from '../responses/keep';
import { DuplicateKeyError, Store } from '../store';
import { getInstrument } from '../surveys/catalogue';
import { scoreAnswers } from '../surveys/scoring';
import { givenAnswers, storedAnswers } from '../surveys/answer-keys';
import { validateAnswers } from '../surveys/validator';
import { listUsers } from '../accounts/service';
import { diagnosticsCollection, PersonalDiagnostic } from './data';

export interface Teacher {
  id: string;
  schoolId: string;
}

/** The campaigns of a school's personal instruments (the teacher's diagnostic): the open ones, or the one asked for. */
async function personalCampaigns(store: Store, schoolId: string, only: { status: 'open' } | { campaignId: string }) {
  const campaigns =
    'campaignId' in only
      ? [await findCampaign(store, only.campaignId)].filter((c): c is Campaign => c !== null && c.schoolIds.includes(schoolId))
      : await listCampaigns(store, { schoolId, status: only.status });
  const personal = [];
  for (const campaign of campaigns) {
    const compiled = await getInstrument(store, campaign.instrumentId, campaign.instrumentVersion);
    if (!compiled.instrument.anonymous && compiled.instrument.respondentType === 'teacher') personal.push({ campaign, compiled });
  }
  return personal;
}

/** Open campaigns the teacher may take, with where they are in each. */
export async function listMyDiagnostics(store: Store, teacher: Teacher, today: string) {
  const open = (await personalCampaigns(store, teacher.schoolId, { status: 'open' })).filter(
    ({ campaign }) => campaign.opensOn <= today && today <= campaign.closesOn,
  );
  const mine = await store.collection(diagnosticsCollection).find({ userId: teacher.id });
  return open.map(({ campaign, compiled }) => {
    const record = mine.find((d) => d.campaignId === campaign._id);
    return {
      campaignId: campaign._id,
      title: campaign.title,
      instrumentId: compiled.instrument.id,
      closesOn: campaign.closesOn,
      status: record?.status ?? 'not-started',
    };
  });
}

async function openCampaignFor(store: Store, teacher: Teacher, campaignId: string, today: string) {
  const found = (await personalCampaigns(store, teacher.schoolId, { campaignId }))[0];
  if (!found) throw problem('diagnostic.not_found', { field: 'campaignId' });
  const { campaign } = found;
  if (campaign.status !== 'open' || today < campaign.opensOn || today > campaign.closesOn) {
    throw problem('diagnostic.closed', { field: 'campaignId' });
  }
  return found;
}

/** The instrument and what the teacher saved so far (to resume). */
export async function openMyDiagnostic(store: Store, teacher: Teacher, campaignId: string, today: string) {
  const { campaign, compiled } = await openCampaignFor(store, teacher, campaignId, today);
  const record = await store.collection(diagnosticsCollection).findOne({ userId: teacher.id, campaignId });
  return {
    campaign: { id: campaign._id, title: campaign.title, closesOn: campaign.closesOn },
    instrument: compiled.instrument,
    saved: record
      ? { status: record.status, answers: givenAnswers(record.answers), currentPage: record.currentPage ?? 0, scores: record.scores }
      : null,
  };
}

/** Saves answers as they are given (no validation of completeness yet; keys must be questions). */
export async function saveDraft(
  store: Store,
  teacher: Teacher,
  campaignId: string,
  answers: Record<string, unknown>,
  currentPage: number,
  today: string,
  now = clockNow(),
) {
  const { campaign, compiled } = await openCampaignFor(store, teacher, campaignId, today);
  const unknown = Object.keys(answers).find((key) => !compiled.questions.answerKeys.has(key));
  if (unknown) throw problem('response.unknown_question', { field: unknown, values: { question: unknown, what: 'instrument' } });
  const diagnostics = store.collection(diagnosticsCollection);
  const existing = await diagnostics.findOne({ userId: teacher.id, campaignId });
  if (existing?.status === 'submitted') throw problem('diagnostic.submitted', { field: 'campaignId' });
  await diagnostics.updateOne(
    { userId: teacher.id, campaignId },
    {
      // Keys encoded for the store ("." and "$" in SurveyJS names: surveys/answer-keys.ts).
      $set: { answers: storedAnswers(answers), currentPage, savedAt: now },
      $setOnInsert: {
        schoolId: teacher.schoolId,
        instrumentId: campaign.instrumentId,
        instrumentVersion: campaign.instrumentVersion,
        status: 'draft',
      },
    },
    { upsert: true },
  );
  return { saved: true, savedAt: now };
}

/** Validates and scores the answers, keeps the teacher's result, and adds an anonymous copy to the campaign's responses. */
export async function submitMyDiagnostic(
  store: Store,
  teacher: Teacher,
  campaignId: string,
  input: Record<string, unknown>,
  today: string,
  now = clockNow(),
) {
  const { campaign, compiled } = await openCampaignFor(store, teacher, campaignId, today);
  const { answers, dropped } = validateAnswers(compiled.questions, input);
  if (Object.keys(answers).length === 0) throw problem('response.empty', { field: 'answers' });
  const { scoring } = compiled.instrument;
  const scores = scoring && compiled.scoringItems ? scoreAnswers(scoring, compiled.scoringItems, answers) : undefined;
  const diagnostics = store.collection(diagnosticsCollection);
  const fields = {
    answers: storedAnswers(answers),
    savedAt: now,
    submittedOn: today,
    status: 'submitted' as const,
    ...(scores ? { scores } : {}),
  };
  const response = responseOf(campaign, teacher.schoolId, compiled, today, answers, scores);
  // Corrected while the campaign is open: the result and the profile take the new answers (the
  // history keeps the final one), and the campaign's anonymous copy is replaced, not added to.
  const earlier = await diagnostics.findOne({ userId: teacher.id, campaignId, status: 'submitted' });
  if (earlier) {
    const corrected = await diagnostics.updateOne({ _id: earlier._id, savedAt: earlier.savedAt }, { $set: fields });
    if (corrected.matched === 0) throw problem('diagnostic.submitted', { field: 'campaignId' });
    await replaceMatchingResponse(store, { ...earlier, day: earlier.submittedOn ?? today }, response);
    return { received: true as const, corrected: true as const, dropped, ...(scores ? { scores } : {}) };
  }
  // Submitted once: the draft turns into the result in one conditional update.
  let result = await diagnostics.updateOne({ userId: teacher.id, campaignId, status: 'draft' }, { $set: fields });
  if (result.matched === 0) {
    try {
      await diagnostics.insertOne({
        userId: teacher.id,
        campaignId,
        schoolId: teacher.schoolId,
        instrumentId: campaign.instrumentId,
        instrumentVersion: campaign.instrumentVersion,
        ...fields,
      });
      result = { matched: 1, modified: 1 };
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw problem('diagnostic.submitted', { field: 'campaignId' });
      throw err;
    }
  }
  // Its answers also join the campaign's responses for the aggregated results, without the
  // teacher's id (the responses schema stays strict and anonymous: no user id can be written into it).
  await keepResponse(store, response);
  return { received: true as const, dropped, ...(scores ? { scores } : {}) };
}

/** Every submitted diagnostic of a person, oldest campaign first, with the instrument's scoring to read it. */
export async function profileHistory(store: Store, userId: string) {
  const records: PersonalDiagnostic[] = await store.collection(diagnosticsCollection).find({ userId, status: 'submitted' });
  const campaigns = await campaignsByIds(
    store,
    records.map((r) => r.campaignId),
  );
  const entries = [];
  for (const record of records) {
    const campaign = campaigns.find((c) => c._id === record.campaignId);
    const compiled = await getInstrument(store, record.instrumentId, record.instrumentVersion);
    entries.push({
      campaignId: record.campaignId,
      title: campaign?.title ?? compiled.instrument.title,
      opensOn: campaign?.opensOn ?? record.submittedOn!,
      submittedOn: record.submittedOn!,
      instrumentId: record.instrumentId,
      scoring: compiled.instrument.scoring ?? null,
      scores: record.scores ?? null,
    });
  }
  return entries.sort((a, b) => a.opensOn.localeCompare(b.opensOn));
}

/**
 * The submitted diagnostics of one campaign in one school whose teachers chose to share their
 * profile with their school: each teacher's name and level per area. For the school's coordinator
 * (the results' "can teach others" names); the caller checks that policy.
 */
export async function sharedDiagnostics(
  store: Store,
  campaignId: string,
  schoolId: string,
): Promise<{ userId: string; name: string; levels: Record<string, string | null> }[]> {
  const sharing = (await listUsers(store, { schoolIds: [schoolId], roles: ['teacher'] })).filter((u) => u.shareProfile === true);
  if (sharing.length === 0) return [];
  const names = new Map(sharing.map((u) => [u._id, u.name || u.email]));
  const records = await store
    .collection(diagnosticsCollection)
    .find({ campaignId, schoolId, status: 'submitted', userId: { $in: [...names.keys()] } });
  return records.map((r) => ({
    userId: r.userId,
    name: names.get(r.userId)!,
    levels: Object.fromEntries(Object.entries(r.scores?.areas ?? {}).map(([area, score]) => [area, score.level])),
  }));
}

/** Every submitted diagnostic's scores in a campaign, by teacher (the results' change between two campaigns over the teachers who took both). */
export async function submittedScores(
  store: Store,
  campaignId: string,
): Promise<Pick<PersonalDiagnostic, 'userId' | 'schoolId' | 'scores'>[]> {
  const records = await store.collection(diagnosticsCollection).find({ campaignId, status: 'submitted' });
  return records.map((r) => ({ userId: r.userId, schoolId: r.schoolId, scores: r.scores }));
}

/**
 * Who still has to answer a campaign, for its reminders: the active teachers of its schools who
 * have not submitted its diagnostic. An anonymous campaign cannot know: nobody.
 */
export function pendingTeachers(store: Store): PendingRecipients {
  return async (campaign) => {
    const facts = await instrumentFacts(store, campaign.instrumentId, campaign.instrumentVersion);
    // Anonymous surveys have nobody to remind; school forms remind coordinators (responses/school-forms.ts).
    if (facts.anonymous || facts.respondentType !== 'teacher') return [];
    const [teachers, submitted] = await Promise.all([
      listUsers(store, { schoolIds: campaign.schoolIds, roles: ['teacher'] }),
      store.collection(diagnosticsCollection).find({ campaignId: campaign._id, status: 'submitted' }),
    ]);
    const answered = new Set(submitted.map((d) => d.userId));
    return teachers
      .filter((t) => t.active && !answered.has(t._id))
      .sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
      .map((t) => ({ personId: t._id, email: t.email, name: t.name, locale: t.locale }));
  };
}
