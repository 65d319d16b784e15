// The schools' own forms in the demo: the self-diagnostic checklist and the monitoring form.
import type { School } from '../server/schools/data';
import type { CompiledInstrument } from '../server/surveys/definition';
import type { DemoCampaign } from './demo-calendar';
import type { SchoolProfile } from './profiles';
import { syntheticAnswers, type Random } from './synthetic';

/** A school's form in a campaign, or null when the school has not sent it (yet). */
export function schoolFormAnswers(compiled: CompiledInstrument, school: School, plan: DemoCampaign, profile: SchoolProfile, _world: unknown, random: Random): Record<string, unknown> | null {
  void school;
  void plan;
  return syntheticAnswers(compiled.questions, random, (q) => profile.moodOf(q.name));
}
