// School forms corrected after they were first sent: which indicators of a campaign read an answer
// that changed, and in which schools (GET /api/school-forms/:campaignId/changes and the instrument's
// indicators), so the indicator table can mark those values.
import { useEffect, useState } from 'react';
import { get } from '../../api/http';
import type { CampaignResults } from '../../api/results';
import { fetchFormChanges } from '../../api/school-forms';

type IndicatorQuestions = { id: string; questions?: string[] }[];

/** Indicator id → the schools whose value changed after the form was first sent (school forms only). */
export function useChangedIndicators(results: CampaignResults): Map<string, string[]> {
  const [changed, setChanged] = useState(new Map<string, string[]>());
  const { id, instrumentId, instrumentVersion, respondentType } = results.campaign;
  useEffect(() => {
    if (respondentType !== 'school') return;
    let cancelled = false;
    Promise.all([
      fetchFormChanges(id),
      get<{ instrument?: { indicators?: IndicatorQuestions }; indicators?: IndicatorQuestions }>(
        `/api/instruments/${encodeURIComponent(instrumentId)}/versions/${instrumentVersion}`,
      ),
    ]).then(
      ([{ changes }, definition]) => {
        const indicators = definition.instrument?.indicators ?? definition.indicators ?? [];
        const out = new Map<string, string[]>();
        for (const indicator of indicators) {
          const schools = Object.entries(changes)
            .filter(([, fields]) => fields.some((f) => indicator.questions?.includes(f.split('.')[0])))
            .map(([school]) => school);
          if (schools.length > 0) out.set(indicator.id, schools);
        }
        if (!cancelled) setChanged(out);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [id, instrumentId, instrumentVersion, respondentType]);
  return changed;
}
