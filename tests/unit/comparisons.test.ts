// The Wilson interval and the two-proportion z-test against published values; download names.
import { twoProportionTest, wilsonInterval } from '../../server/analytics/comparisons';
import { fileSlug } from '../../server/analytics/file-names';

describe('wilsonInterval', () => {
  // Newcombe R. G. (1998). Two-sided confidence intervals for the single proportion: comparison of
  // seven methods. Statistics in Medicine 17, 857–872. Table II, method 3 (Wilson score, no
  // continuity correction), to four decimals.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i: %f to %f', (x, n, low, high) => {
    const ci = wilsonInterval(x, n)!;
    expect(ci.low / 100).toBeCloseTo(low, 4);
    expect(ci.high / 100).toBeCloseTo(high, 4);
  });

  it('has no interval for no answers, and stays within 0–100 % at the ends', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    const all = wilsonInterval(10, 10)!;
    expect(all.high).toBeCloseTo(100, 6);
    expect(all.low).toBeGreaterThan(69);
  });
});

describe('twoProportionTest', () => {
  it('agrees with the textbook statistic: 50 of 100 against 60 of 100 is z = −1.42, p = 0.155, not beyond chance', () => {
    const t = twoProportionTest(50, 100, 60, 100)!;
    expect(t.z).toBeCloseTo(-1.4213, 3);
    expect(t.p).toBeCloseTo(0.1552, 3);
    expect(t.real).toBe(false);
  });

  it('a change from 36.6 % (37 of 101) to 60 % (60 of 100) is real (p < 0.001)', () => {
    const t = twoProportionTest(60, 100, 37, 101)!;
    expect(t.real).toBe(true);
    expect(t.p).toBeLessThan(0.001);
  });

  it('has nothing to test without answers or without variance', () => {
    expect(twoProportionTest(0, 0, 3, 10)).toBeNull();
    expect(twoProportionTest(10, 10, 5, 5)).toBeNull();
  });
});

describe('fileSlug (download names, issue 26 item 10)', () => {
  it('transliterates a Russian title into a short Latin name', () => {
    expect(fileSlug('Анкетирование родителей, 2026/27')).toBe('anketirovanie-roditelei-2026-27');
    expect(fileSlug('Самодиагностика ОО по чек-листу, 2026/27, октябрь')).toBe('samodiagnostika-oo-po-chek-listu-2026-27-oktiabr');
    expect(fileSlug('x'.repeat(30) + ' ' + 'y'.repeat(40)).length).toBeLessThanOrEqual(60);
  });
});
