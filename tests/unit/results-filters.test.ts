// The pure parts of the results' filters: which school year a campaign belongs to, and the roles
// an instrument's respondents answer as.
import { rolesOf, schoolYearOf } from '../../server/analytics/results';
import type { Instrument } from '../../server/surveys/instrument';
import { builtinInstruments } from '../support/instruments';

describe('schoolYearOf', () => {
  it('puts a campaign opening on 31 August in the school year that ends then, and one opening on 1 September in the next', () => {
    expect(schoolYearOf({ opensOn: '2025-08-31' })).toBe('2024/25');
    expect(schoolYearOf({ opensOn: '2025-09-01' })).toBe('2025/26');
    expect(schoolYearOf({ opensOn: '2026-01-15' })).toBe('2025/26');
    expect(schoolYearOf({ opensOn: '2099-10-01' })).toBe('2099/00');
  });

  it("takes a monitoring form's reporting year over the day it opened", () => {
    expect(schoolYearOf({ opensOn: '2026-09-10', reportingYear: '2025/26' })).toBe('2025/26');
  });
});

describe('rolesOf', () => {
  const instrument = (id: string) => builtinInstruments.find((c) => c.instrument.id === id)!.instrument;

  it("gives the staff survey's two roles with their Russian and English titles, and no roles for the parent survey", () => {
    expect(rolesOf(instrument('staff-effectiveness'))).toEqual([
      { id: 'admin', title: expect.objectContaining({ en: 'A member of the administration (head, deputy head)' }) },
      { id: 'teacher', title: { default: 'Педагог', en: 'A teacher' } },
    ]);
    expect(rolesOf(instrument('parent-survey'))).toEqual([]);
  });

  it('reads a role question inside a panel, with plain choices', () => {
    const survey = {
      pages: [
        { elements: [{ type: 'panel', elements: [{ type: 'radiogroup', name: 'role', choices: ['a', { value: 'b', text: 'Бэ' }] }] }] },
      ],
    };
    expect(rolesOf({ survey } as unknown as Instrument)).toEqual([
      { id: 'a', title: { default: 'a', en: 'a' } },
      { id: 'b', title: { default: 'Бэ', en: 'Бэ' } },
    ]);
  });
});
