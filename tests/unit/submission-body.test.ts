// The submission's body is checked by hand for speed; the API document describes it with a zod
// schema. Both must accept and refuse the same bodies, or the document would describe another API.
import fc from 'fast-check';
import { findBodyFault } from '../../server/request-guards';
import { parseSubmission, submissionBody } from '../../server/responses/schema';

const accepts = (body: unknown) => {
  try {
    return { ok: true, answers: parseSubmission(body).answers };
  } catch {
    return { ok: false };
  }
};

// The bodies that reach the check: the request guards refuse prototype keys anywhere, and operator
// and dotted keys outside the answers, first (zod would drop a "__proto__" answer where the hand check keeps it).
const bodies = fc
  .oneof(
    fc.jsonValue(),
    fc.record({ answers: fc.jsonValue() }),
    fc.dictionary(fc.constantFrom('answers', 'extra', 'answer'), fc.jsonValue()),
    fc.record({ answers: fc.dictionary(fc.string(), fc.jsonValue()) }),
  )
  .filter((body) => findBodyFault(body, { answerNames: true }) === undefined);

test('the hand check of a submission and its documented schema accept and refuse the same bodies the guards let through', () => {
  fc.assert(
    fc.property(bodies, (body) => {
      const byHand = accepts(body);
      const bySchema = submissionBody.safeParse(body);
      expect(byHand.ok).toBe(bySchema.success);
      if (bySchema.success) expect(byHand.answers).toEqual(bySchema.data.answers);
    }),
    { numRuns: 2000 },
  );
});

test('a body with another key than answers is refused naming that key', () => {
  expect(() => parseSubmission({ answers: {}, extra: 1 })).toThrow(expect.objectContaining({ code: 'response.invalid', field: 'extra' }));
  expect(() => parseSubmission({ answers: [] })).toThrow(expect.objectContaining({ code: 'response.invalid', field: 'answers' }));
});
