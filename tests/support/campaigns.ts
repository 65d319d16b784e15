// Test support for campaigns: a real store (temp embedded store) with the cluster's schools, a
// valid plan to start from, and a fixed "now" so the day rules are what the test says.
import { Actor } from '../../server/campaigns/audit';
import type { CampaignContext } from '../../server/campaigns/planning';
import type { CampaignPlan } from '../../server/campaigns/schema';
import { schoolsCollection } from '../../server/schools/data';
import { clusterSchools } from '../../seeds/schools';
import { builtinInstruments } from './instruments';
import { openTestStore, type TestStore } from './test-store';

const administrator: Actor = { kind: 'administrator' };

/** Adds the cluster's schools to a test store (or a Mera); returns it with their ids. */
export async function withSchools<T extends TestStore>(opened: T): Promise<T & { schoolIds: string[] }> {
  const schools = await opened.store.collection(schoolsCollection).insertMany(clusterSchools);
  return Object.assign(opened, { schoolIds: schools.map((s) => s._id) });
}

/** A store with the cluster's schools, for the services' tests (no app). */
export async function storeWithSchools(): Promise<TestStore & { schoolIds: string[] }> {
  return withSchools(await openTestStore());
}

/** The current edition of a built-in instrument (1 for an id that is none, as in refusal tests). */
export const currentVersion = (instrumentId: string): number =>
  builtinInstruments.find((c) => c.instrument.id === instrumentId)?.instrument.version ?? 1;

/** A valid parent-survey plan (current edition) for the given schools and days. */
export function parentPlan(schoolIds: string[], opensOn: string, closesOn: string, extra: Partial<CampaignPlan> = {}): CampaignPlan {
  return {
    instrumentId: 'parent-survey',
    instrumentVersion: currentVersion(extra.instrumentId ?? 'parent-survey'),
    audience: 'parents',
    schoolIds,
    opensOn,
    closesOn,
    responsible: { name: 'Ирина Петровна Смирнова' },
    ...extra,
  };
}

/** Noon of a day in Moscow (UTC+3, no daylight saving). */
export const moscowNoon = (day: string) => new Date(`${day}T09:00:00Z`);

export function contextAt(now: Date, actor: Actor = administrator): CampaignContext {
  return { actor, now, timeZone: 'Europe/Moscow' };
}
