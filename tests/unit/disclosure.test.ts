// Disclosure control's pure rules: complementary suppression over a partition and over a schools ×
// roles table, the row-export rule and free text.
import { mayExportFreeText, rowExclusion, suppressPartition, suppressTable, suppressUnderCluster } from '../../server/disclosure';

describe('suppressPartition', () => {
  it('withholds a cell of fewer than the minimum group and the smallest shown cell with it', () => {
    expect(suppressPartition([1, 9, 7, 30], 5)).toEqual(['too_few', null, 'complement', null]);
  });

  it('withholds more cells until the withheld hold at least the minimum group between them', () => {
    // 1 + 2 = 3: the total minus the rest gives the pooled answers of three; the next smallest goes too.
    expect(suppressPartition([1, 2, 6, 40], 5)).toEqual(['too_few', 'too_few', 'complement', null]);
  });

  it('leaves alone cells without answers and partitions with nothing withheld', () => {
    expect(suppressPartition([0, 5, 6], 5)).toEqual([null, null, null]);
    expect(suppressPartition([0, 3, 0], 5)).toEqual([null, 'too_few', null]);
  });

  it('keeps what another partition withheld, and protects it the same way', () => {
    expect(suppressPartition([8, 9, 12], 5, ['complement'])).toEqual(['complement', 'complement', null]);
  });
});

describe('suppressUnderCluster (the teacher diagnostic: pooled scores, their change)', () => {
  test('a cluster below the minimum group is withheld, and every school with answers with it', () => {
    expect(suppressUnderCluster(4, [3, 1, 0], 5)).toEqual({ total: 'too_few', schools: ['too_few', 'too_few', null] });
  });
  test('a school of N − 1 beside one other school: the other is withheld too, the cluster stays', () => {
    expect(suppressUnderCluster(10, [4, 6], 5)).toEqual({ total: null, schools: ['too_few', 'complement'] });
  });
  test('two small schools holding the minimum group together need no complement', () => {
    expect(suppressUnderCluster(6, [4, 2], 5)).toEqual({ total: null, schools: ['too_few', 'too_few'] });
    expect(suppressUnderCluster(20, [5, 15], 5)).toEqual({ total: null, schools: [null, null] });
  });
});

describe('suppressTable', () => {
  it('protects a small role in one school within the school and within the role across schools', () => {
    // Roles admin, teacher; schools A, B, C.
    const d = suppressTable(
      {
        total: 40,
        schools: [12, 14, 14],
        roles: [12, 28],
        cells: [
          [2, 5, 5],
          [10, 9, 9],
        ],
      },
      5,
    );
    // Admin in A (2) is withheld; the teacher cell beside it (the school's complement) and another admin cell (the role's complement).
    expect(d.cells[0][0]).toBe('too_few');
    expect(d.cells[1][0]).toBe('complement');
    expect(d.cells[0].filter((x) => x !== null).length).toBeGreaterThanOrEqual(2);
    expect(d.cells[1].filter((x) => x !== null).length).toBeGreaterThanOrEqual(2);
    expect(d.schools).toEqual([null, null, null]);
    expect(d.total).toBeNull();
  });

  it('withholds everything under a total of fewer than the minimum group', () => {
    const d = suppressTable({ total: 3, schools: [3, 0], roles: [], cells: [] }, 5);
    expect(d).toEqual({ total: 'too_few', schools: ['too_few', null], roles: [], cells: [] });
  });
});

describe('row exports', () => {
  const rule = {
    minGroup: 5,
    withheldSchools: new Set(['w']),
    published: new Map([
      ['g1', 6],
      ['g2', 5],
    ]),
  };
  it('gives rows only of groups shown on the page, at least the minimum group, all of them published', () => {
    expect(rowExclusion({ schoolId: 'a', role: '', groupId: 'g1', rows: 6 }, 6, rule)).toBeNull();
    expect(rowExclusion({ schoolId: 'a', role: '', groupId: 'g1', rows: 7 }, 7, rule)).toBe('unpublished');
    expect(rowExclusion({ schoolId: 'w', role: '', groupId: 'g2', rows: 5 }, 5, rule)).toBe('withheld');
    expect(rowExclusion({ schoolId: 'a', role: '', groupId: 'g3', rows: 4 }, 4, rule)).toBe('too_few');
  });
  it('gives free text of an anonymous survey only where the instrument allows it, from groups of ten or more', () => {
    expect(mayExportFreeText({ anonymous: true }, 40)).toBe(false);
    expect(mayExportFreeText({ anonymous: true, freeTextInExports: true }, 9)).toBe(false);
    expect(mayExportFreeText({ anonymous: true, freeTextInExports: true }, 10)).toBe(true);
    expect(mayExportFreeText({ anonymous: false }, 1)).toBe(true);
  });
});
