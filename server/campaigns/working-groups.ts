// A school's working group for one of its forms (the checklist, the monitoring form): colleagues the
// school's coordinator names to fill the form in with them, signed in. The coordinator always may;
// the group adds to that. Stored per campaign and school; tasks.ts gives each member the form's task.
import { listUsers } from '../accounts/service';
import { problem } from '../errors';
import type { Store } from '../store';
import { workingGroupsCollection } from './data';

const groupId = (campaignId: string, schoolId: string) => `${campaignId}:${schoolId}`;

/** The user ids of the school's working group for a campaign's form (empty when none was named). */
export async function workingGroupOf(store: Store, campaignId: string, schoolId: string): Promise<string[]> {
  return (await store.collection(workingGroupsCollection).findOne({ _id: groupId(campaignId, schoolId) }))?.userIds ?? [];
}

/** The campaigns whose school form this person helps to fill in. */
export async function groupCampaignsOf(store: Store, userId: string): Promise<Set<string>> {
  const groups = await store.collection(workingGroupsCollection).find({ userIds: userId });
  return new Set(groups.map((g) => g.campaignId));
}

/** The active staff of a school who may be named (its teachers and coordinators). */
export async function groupCandidates(store: Store, schoolId: string) {
  const users = await listUsers(store, { schoolIds: [schoolId], roles: ['teacher', 'school-coordinator'] });
  return users.filter((u) => u.active);
}

/** Names the working group (replacing the one before); every member must be active staff of the school. */
export async function setWorkingGroup(store: Store, campaignId: string, schoolId: string, userIds: string[], now: Date): Promise<string[]> {
  const staff = new Set((await groupCandidates(store, schoolId)).map((u) => u._id));
  const members = [...new Set(userIds)];
  const stranger = members.find((id) => !staff.has(id));
  if (stranger !== undefined) throw problem('school_form.not_in_school', { field: 'userIds', values: { user: stranger } });
  await store
    .collection(workingGroupsCollection)
    .updateOne(
      { _id: groupId(campaignId, schoolId) },
      { $set: { campaignId, schoolId, userIds: members, updatedAt: now } },
      { upsert: true },
    );
  return members;
}
