// Document ids: random, opaque, 96 bits, drawn from a pool of random bytes refilled as it runs out.
import { newId } from '../../server/store/port';

describe('newId', () => {
  it('gives 24 hex characters, all different across several refills of the pool', () => {
    const ids = Array.from({ length: 2000 }, () => newId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries no order: consecutive ids are not increasing (unlike ObjectIds, they hold no time)', () => {
    const ids = Array.from({ length: 200 }, () => newId());
    const increasing = ids.slice(1).filter((id, i) => id > ids[i]).length;
    // Random ids rise about half the time; a counter or a clock would rise every time.
    expect(increasing).toBeGreaterThan(60);
    expect(increasing).toBeLessThan(140);
  });
});
