// A person's tasks: the open campaigns that ask them something, on their account page. A teacher:
// the diagnostics of their school (done once submitted) and the anonymous staff surveys (their
// school's link; nobody records who answered, so these show no "done"). A school coordinator: the
// checklist and the monitoring form of their school (done once the school's form is in), as has a
// teacher its coordinator named to the form's working group. A closed campaign's task is gone.
import { dayIn } from '../calendar';
import type { Store } from '../store';
import { campaignsCollection } from './data';
import type { CampaignProgress } from './follow';
import { taskTarget } from './invitations';
import type { Task } from './views';
import { instrumentFacts } from './instruments';
import { groupCampaignsOf } from './working-groups';

export interface TaskPerson {
  id: string;
  role: string;
  schoolId?: string;
}

export type { Task };

/** Whom each role's tasks come from: the instruments' respondent type. */
const respondentOf: Record<string, 'teacher' | 'school'> = { teacher: 'teacher', 'school-coordinator': 'school' };

export async function tasksOf(
  store: Store,
  person: TaskPerson,
  now: Date,
  deps: { timeZone: string; secret: () => Promise<string>; progress: Pick<CampaignProgress, 'myDiagnostics' | 'schoolHasAnswered'> },
): Promise<Task[]> {
  const respondent = respondentOf[person.role];
  if (!respondent || !person.schoolId) return [];
  const schoolId = person.schoolId;
  const today = dayIn(deps.timeZone, now);
  const campaigns = await store
    .collection(campaignsCollection)
    .find(
      { status: 'open', schoolIds: schoolId, opensOn: { $lte: today }, closesOn: { $gte: today } },
      { sort: { closesOn: 1, opensOn: 1 } },
    );
  const secret = await deps.secret();
  // A teacher named to a school form's working group has that form as a task too.
  const groups = respondent === 'school' ? new Set<string>() : await groupCampaignsOf(store, person.id);
  let diagnostics: Map<string, string> | undefined;
  const tasks: Task[] = [];
  for (const campaign of campaigns) {
    const facts = await instrumentFacts(store, campaign.instrumentId, campaign.instrumentVersion).catch(() => undefined);
    if (facts?.respondentType !== respondent && !(facts?.respondentType === 'school' && groups.has(campaign._id))) continue;
    const target = await taskTarget(store, campaign, schoolId, secret);
    if (!target) continue;
    let status: Task['status'] = 'unknown';
    if (target.kind === 'diagnostic') {
      diagnostics ??= new Map(
        (await deps.progress.myDiagnostics(store, { id: person.id, schoolId }, today)).map((d) => [d.campaignId, d.status]),
      );
      const state = diagnostics.get(campaign._id);
      status = state === 'submitted' ? 'done' : state === 'draft' ? 'started' : 'to-do';
    } else if (target.kind === 'school-form') {
      status = (await deps.progress.schoolHasAnswered(store, campaign._id, schoolId)) ? 'done' : 'to-do';
    }
    tasks.push({
      campaignId: campaign._id,
      title: campaign.title,
      instrumentId: campaign.instrumentId,
      kind: target.kind,
      closesOn: campaign.closesOn,
      path: target.path,
      status,
    });
  }
  return tasks;
}
