// The teacher diagnostic's change between two campaigns (September → April): per area, the pooled
// score (Σ earned / Σ possible) of the teachers who took both, before and after, for the cluster and
// each school. What is withheld is disclosure control's to say (suppressUnderCluster): a group of
// fewer such teachers than the minimum group, and the schools whose values with the cluster's would
// give one away.
import type { Campaign } from '../campaigns/data';
import { suppressUnderCluster, type Decision } from '../disclosure';
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

/** A cell's values, or none where disclosure control withholds it (or no points were possible). */
function cell(p: Points, withheld: Decision): DiagnosticChangeCell {
  if (withheld || p.n === 0 || p.possibleBefore === 0 || p.possibleAfter === 0)
    return { n: p.n, before: null, after: null, change: null, suppressed: withheld !== null };
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
      const groups = [...bySchool];
      // Teachers counted in the cluster under no school of the campaign (moved since) are a cell of their own, never shown.
      const elsewhere = cluster.n - groups.reduce((sum, [, p]) => sum + p.n, 0);
      const decided = suppressUnderCluster(cluster.n, [...groups.map(([, p]) => p.n), elsewhere], minGroupSize);
      const schools = groups.map(([schoolId, p], i) => ({ schoolId, ...cell(p, decided.schools[i]) }));
      return { area: area.id, title: area.title, cluster: cell(cluster, decided.total), schools };
    }),
  };
}

/**
 * Each school's pooled area score only where disclosure control lets it be shown (suppressUnderCluster
 * over the schools that have one: too few teachers, or the complement of one that has). The cluster's
 * pooled score is withheld below the minimum group too. The level shares and counts stay as they are
 * (their own rule, by the instrument): the seminar plan needs them.
 */
export function withPooledMinimum(deficits: DeficitResults, minGroupSize: number): DeficitResults {
  return {
    ...deficits,
    areas: deficits.areas.map((a) => {
      // A school without a pooled score (none possible, or withheld already with its levels) is in no
      // value here: the cluster's pooled score is over published groups, so it holds nothing of it.
      const decided = suppressUnderCluster(
        a.cluster.pooled ? a.cluster.n : 0,
        a.schools.map((s) => (s.pooled ? s.n : 0)),
        minGroupSize,
      );
      return {
        ...a,
        cluster: decided.total ? { ...a.cluster, pooled: null } : a.cluster,
        schools: a.schools.map((s, i) => (decided.schools[i] ? { ...s, pooled: null } : s)),
      };
    }),
  };
}
