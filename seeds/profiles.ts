// Each demo school's own profile per instrument: a base leaning (how well it does on that
// instrument overall) and an offset per area (strong in some, weak in others), drawn from a
// random generator seeded by the school's number and the instrument, so the demo is the same every
// time and no two instruments rank the schools alike. A year's drift moves last year to this year.
import { seededRandom } from './synthetic';

/** A 32-bit FNV-1a hash of a text: the seed of one school's, instrument's or person's draws. */
function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A generator for one named thing ("344/parent-survey"): independent of the order things are drawn in. */
export const randomFor = (name: string) => seededRandom(hashSeed(name));

export const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export interface SchoolProfile {
  /** The school's leaning on the instrument in [0, 1]: its answers tilt to the top when high. */
  base: number;
  /** The leaning in an area (`vpr_math`, `e_planning`). */
  of(area: string): number;
  /** The leaning for a question, by its area (the question's name without its last part). */
  moodOf(question: string): number;
}

/** The area a question belongs to: `e_planning_3` and `e_planning_k` → `e_planning`. */
export function areaOf(question: string): string {
  const cut = question.lastIndexOf('_');
  return cut > 0 ? question.slice(0, cut) : question;
}

/**
 * A school's profile on an instrument `yearsAgo` school years back (0: this year, 0.5: last
 * spring). Earlier years differ from this one by a drift of the school's own (some improve, some slip).
 */
export function schoolProfile(schoolNumber: string, instrumentId: string, yearsAgo = 0): SchoolProfile {
  const draw = randomFor(`${schoolNumber}/${instrumentId}`);
  const now = 0.2 + draw() * 0.65;
  // The change per year: most schools improve a little, some slip.
  const drift = draw() * 0.3 - 0.1;
  const base = clamp01(now - drift * yearsAgo);
  const offsets = new Map<string, number>();
  const of = (area: string) => {
    let offset = offsets.get(area);
    if (offset === undefined) {
      offset = (randomFor(`${schoolNumber}/${instrumentId}/${area}`)() - 0.5) * 0.5;
      offsets.set(area, offset);
    }
    return clamp01(base + offset);
  };
  return { base, of, moodOf: (question: string) => of(areaOf(question)) };
}
