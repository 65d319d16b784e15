// Test support for a school's own forms (server/responses/school-forms.ts): they are sent signed in,
// by the school's coordinator, over real HTTP. A coordinator per school is made once per Mera.
import type { Response } from 'supertest';
import { linkByToken } from '../../server/campaigns/service';
import { makeUser, signedInBrowser, type Browser } from './accounts';
import type { TestMera } from './mera';

const coordinators = new WeakMap<TestMera, Map<string, Promise<Browser>>>();

/** A signed-in browser of the school's coordinator (made the first time it is asked for). */
function coordinatorOf(mera: TestMera, schoolId: string): Promise<Browser> {
  let bySchool = coordinators.get(mera);
  if (!bySchool) coordinators.set(mera, (bySchool = new Map()));
  let b = bySchool.get(schoolId);
  if (!b) {
    const email = `coordinator.${schoolId.toLowerCase()}@school.example`;
    b = makeUser(mera.store, email, 'school-coordinator', schoolId).then(() => signedInBrowser(mera, email));
    bySchool.set(schoolId, b);
  }
  return b;
}

/**
 * Sends a school's form as its coordinator from the form's page: its first revision, or (when the
 * school sent it already) a correction of the latest with a reason. The answer as the server gave it.
 */
export async function sendSchoolForm(
  mera: TestMera,
  token: string,
  answers: Record<string, unknown>,
  browser?: Browser,
): Promise<Response> {
  const { link } = await linkByToken(mera.store, token);
  const b = browser ?? (await coordinatorOf(mera, link.schoolId));
  const state = await b.agent.get(`/api/school-forms/link/${token}`).expect(200);
  const basedOn: number = state.body.submitted?.revision ?? 0;
  return b.agent
    .post(`/api/school-forms/${link.campaignId}/${link.schoolId}/revisions`)
    .set('x-csrf-token', b.csrf)
    .send({ answers, basedOn, ...(state.body.submitted ? { reason: 'Исправлена опечатка' } : {}) });
}
