// Row-level exports of protected answers (one row per response). A row export and the results
// page must not be subtracted from each other: rows come only from groups whose values the page
// shows, and only when every row of the group is in its published counts (published.ts); free
// text only where the instrument allows it and the group is large enough to hide its writer.
import { freeTextMinGroup } from './rules';

/** One group (school × role) of a campaign's responses, as a row export sees it. */
export interface RowGroup {
  schoolId: string;
  role: string;
  /** The group's id in the published counts. */
  groupId: string;
  rows: number;
}

export interface RowRule {
  minGroup: number;
  /** Schools withheld on the results page (any value, any reason): absent from every export. */
  withheldSchools: ReadonlySet<string>;
  /** Respondents published per group (publishedRespondents). */
  published: ReadonlyMap<string, number>;
}

export type RowExclusion = 'withheld' | 'too_few' | 'unpublished';

/** Whether a group's rows may be exported, or why not. */
export function rowExclusion(group: RowGroup, schoolRows: number, rule: RowRule): RowExclusion | null {
  if (schoolRows < rule.minGroup || group.rows < rule.minGroup) return 'too_few';
  if (rule.withheldSchools.has(group.schoolId)) return 'withheld';
  if ((rule.published.get(group.groupId) ?? 0) !== group.rows) return 'unpublished';
  return null;
}

/** Free text in a row export: the instrument allows it, and the school's exported rows are at least freeTextMinGroup. */
export const mayExportFreeText = (instrument: { anonymous: boolean; freeTextInExports?: boolean }, schoolRows: number): boolean =>
  !instrument.anonymous || (instrument.freeTextInExports === true && schoolRows >= freeTextMinGroup);
