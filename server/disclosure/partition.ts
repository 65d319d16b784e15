// Complementary suppression. A partition is a set of cells (schools of a campaign, roles within a
// school, schools within a role) whose total is published: a cell withheld alone, or withheld
// cells that together hold fewer than the minimum group, could be computed as the total minus
// the shown cells. So the smallest shown cells are withheld too, until the withheld cells are at
// least two and hold at least the minimum group between them.
import type { WithheldReason } from './rules';

export type Decision = WithheldReason | null;

/**
 * Decides each cell of one partition. `n` is the number of respondents behind a cell's value;
 * `already` carries decisions made elsewhere (a cell withheld by another partition stays withheld).
 * Cells without answers (n = 0) are neither shown nor withheld: they hold nothing.
 */
export function suppressPartition(n: readonly number[], minGroup: number, already: readonly Decision[] = []): Decision[] {
  const decisions: Decision[] = n.map((count, i) => already[i] ?? (count > 0 && count < minGroup ? 'too_few' : null));
  const withheldCells = () => n.filter((count, i) => count > 0 && decisions[i] !== null);
  for (;;) {
    const withheld = withheldCells();
    if (withheld.length === 0) return decisions;
    const sum = withheld.reduce((a, b) => a + b, 0);
    if (withheld.length >= 2 && sum >= minGroup) return decisions;
    // The smallest shown cell with answers (the first of equals): the least information lost.
    let next = -1;
    for (let i = 0; i < n.length; i++) if (n[i] > 0 && decisions[i] === null && (next < 0 || n[i] < n[next])) next = i;
    if (next < 0) return decisions; // every cell withheld: only the total is left, and its own rule decides it
    decisions[next] = 'complement';
  }
}

/**
 * A cluster's value and its schools' values computed over the same people (the teacher diagnostic's
 * pooled area scores, its change over the teachers who took both). Below the minimum group the
 * cluster is withheld, and every school with it (each holds fewer still); otherwise the schools are
 * one partition of the cluster: a school with too few is withheld, and with it as many of the
 * smallest others as keep the cluster minus the shown schools from giving it away. `total` is the
 * people behind the cluster's value, `schools` those behind each school's (0: nothing to withhold).
 */
export function suppressUnderCluster(
  total: number,
  schools: readonly number[],
  minGroup: number,
): { total: Decision; schools: Decision[] } {
  if (total > 0 && total < minGroup) return { total: 'too_few', schools: schools.map((n) => (n > 0 ? 'too_few' : null)) };
  return { total: null, schools: suppressPartition(schools, minGroup) };
}

export interface Table {
  /** Respondents behind the cluster's value (the table's grand total). */
  total: number;
  /** Per school, all roles together. */
  schools: number[];
  /** Per role, all schools together ([] when the answers are not split by role). */
  roles: number[];
  /** cells[role][school]. */
  cells: number[][];
}

export interface TableDecisions {
  total: Decision;
  schools: Decision[];
  roles: Decision[];
  cells: Decision[][];
}

/**
 * A schools × roles table with its margins: each row and each column is a partition of its margin,
 * and a withheld margin withholds its whole row or column (its cells would add up to it). Applied
 * until nothing changes: a cell withheld for a column may call for another in its row.
 */
export function suppressTable(table: Table, minGroup: number): TableDecisions {
  const total: Decision = table.total > 0 && table.total < minGroup ? 'too_few' : null;
  if (total) {
    return {
      total,
      schools: table.schools.map((n) => (n > 0 ? total : null)),
      roles: table.roles.map((n) => (n > 0 ? total : null)),
      cells: table.cells.map((row) => row.map((n) => (n > 0 ? total : null))),
    };
  }
  const schools = suppressPartition(table.schools, minGroup);
  let roles = suppressPartition(table.roles, minGroup);
  let cells: Decision[][] = table.cells.map((row) => row.map(() => null));
  for (let changed = true; changed;) {
    const before = JSON.stringify([roles, cells]);
    // A withheld school or role: every cell of it, else its total is the sum of them.
    cells = cells.map((row, r) => row.map((d, s) => d ?? (table.cells[r][s] > 0 ? (roles[r] ?? schools[s]) : null)));
    // Each school's roles, under the school's value.
    if (table.roles.length > 1)
      for (let s = 0; s < table.schools.length; s++) {
        const column = suppressPartition(
          table.cells.map((row) => row[s]),
          minGroup,
          cells.map((row) => row[s]),
        );
        column.forEach((d, r) => (cells[r][s] = d));
      }
    // Each role's schools, under the role's cluster value.
    cells = cells.map((row, r) => suppressPartition(table.cells[r], minGroup, row));
    roles = suppressPartition(table.roles, minGroup, roles);
    changed = JSON.stringify([roles, cells]) !== before;
  }
  return { total, schools, roles, cells };
}
