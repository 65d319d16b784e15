// The teacher diagnostic's change between two campaigns (September → April): per area, the pooled
// score (Σ earned / Σ possible) of the teachers who took both, before and after, for the cluster and
// each school; a group of fewer such teachers than the minimum group is withheld.
// TODO(disclosure): take the minimum group from server/disclosure/ once it is on main.
import type { Campaign } from '../campaigns/data';
import { submittedScores } from '../diagnostics/service';
import type { Store } from '../store';
import type { LocalizedText } from '../surveys/instrument';
import { round1 } from './indicators';
import type { DeficitResults, DiagnosticChange, DiagnosticChangeCell } from './views';

interface Points {
  earnedBefore: number;
  possibleBefore: number;
  earnedAfter: number;
  possibleAfter: number;
  n: number;
}

const none = (): Points => ({ earnedBefore: 0, possibleBefore: 0, earnedAfter: 0, possibleAfter: 0, n: 0 });

function cell(p: Points, minGroupSize: number): DiagnosticChangeCell {
  if (p.n < minGroupSize || p.possibleBefore === 0 || p.possibleAfter === 0)
    return { n: p.n, before: null, after: null, change: null, suppressed: p.n > 0 && p.n < minGroupSize };
  const before = (100 * p.earnedBefore) / p.possibleBefore;
  const after = (100 * p.earnedAfter) / p.possibleAfter;
  return { n: p.n, before: round1(before), after: round1(after), change: round1(after - before), suppressed: false };
}

export async function diagnosticChange(
  store: Store,
  campaign: Campaign,
  previous: Campaign,
  areas: { id: string; title: LocalizedText }[],
  minGroupSize: number,
): Promise<DiagnosticChange> {
  const [now, then] = await Promise.all([submittedScores(store, campaign._id), submittedScores(store, previous._id)]);
  const before = new Map(then.map((d) => [d.userId, d]));
  const both = now.filter((d) => before.has(d.userId));
  return {
    previousCampaign: { id: previous._id, title: previous.title, opensOn: previous.opensOn },
    teachers: both.length,
    areas: areas.map((area) => {
      const cluster = none();
      const bySchool = new Map(campaign.schoolIds.map((id) => [id, none()]));
      for (const d of both) {
        const a = d.scores?.areas[area.id];
        const b = before.get(d.userId)!.scores?.areas[area.id];
        if (a?.earned === undefined || a.possible === undefined || b?.earned === undefined || b.possible === undefined) continue;
        for (const p of [cluster, bySchool.get(d.schoolId)]) {
          if (!p) continue;
          p.earnedBefore += b.earned;
          p.possibleBefore += b.possible;
          p.earnedAfter += a.earned;
          p.possibleAfter += a.possible;
          p.n++;
        }
      }
      const schools = [...bySchool].map(([schoolId, p]) => ({ schoolId, ...cell(p, minGroupSize) }));
      // One withheld school beside the cluster's value would be recoverable: the smallest shown one is withheld with it.
      const answered = schools.filter((x) => x.n > 0);
      if (answered.filter((x) => x.suppressed).length === 1) {
        const smallest = answered.filter((x) => !x.suppressed).sort((x, y) => x.n - y.n)[0];
        if (smallest) Object.assign(smallest, { before: null, after: null, change: null, suppressed: true });
      }
      return { area: area.id, title: area.title, cluster: cell(cluster, minGroupSize), schools };
    }),
  };
}

/**
 * Each school's pooled area score only from at least the minimum group of teachers (with the
 * smallest other school withheld too when only one is, so the cluster's points minus the others'
 * give nothing away). The level shares and counts stay: the seminar plan needs them.
 * TODO(disclosure): take this rule from server/disclosure/ once it is on main.
 */
export function withPooledMinimum(deficits: DeficitResults, minGroupSize: number): DeficitResults {
  return {
    ...deficits,
    areas: deficits.areas.map((a) => {
      const small = new Set(a.schools.filter((s) => s.n > 0 && s.n < minGroupSize && s.pooled).map((s) => s.schoolId));
      if (small.size === 1) {
        const smallest = a.schools.filter((s) => s.n > 0 && !small.has(s.schoolId) && s.pooled).sort((x, y) => x.n - y.n)[0];
        if (smallest) small.add(smallest.schoolId);
      }
      return { ...a, schools: a.schools.map((s) => (small.has(s.schoolId) ? { ...s, pooled: null } : s)) };
    }),
  };
}
