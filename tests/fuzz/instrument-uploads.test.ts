// Fuzzing the instrument upload: whatever definition an administrator sends, the server answers
// with a 4xx or a success, never a 5xx, and other requests are not kept waiting while it checks
// the definition (a concurrent GET /api/health is answered within 100 ms of its usual latency).
import fc from 'fast-check';
import { listen, startMera, TestMera } from '../support/mera';

const ADMIN = 'a-long-administrator-token-for-fuzzing';
let mera: TestMera;
let server: { baseUrl: string; stop: () => Promise<void> };
beforeAll(async () => {
  mera = await startMera({ config: { adminToken: ADMIN, bodyLimit: '5mb' } });
  server = await listen(mera.app);
});
afterAll(async () => {
  await server.stop();
  await mera.close();
});

const post = (body: unknown) =>
  fetch(`${server.baseUrl}/api/instruments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
    body: JSON.stringify(body),
  });

const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/);
const expression = fc.oneof(
  name.map((n) => `{${n}} = 1`),
  fc.array(name, { minLength: 1, maxLength: 80 }).map((ns) => ns.map((n) => `{${n}} notempty`).join(' or ')),
  fc.string({ maxLength: 40 }),
);
const regex = fc.constantFrom('^(a+)+$', '(a|aa)*b', '^[A-Z]{2}\\d{2}$', '([a-z]+)*$', '[', '.*');
const junk = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant({ $gt: 1 }),
  fc.constant([]),
);
const types = [
  'text',
  'comment',
  'radiogroup',
  'dropdown',
  'checkbox',
  'tagbox',
  'ranking',
  'imagepicker',
  'rating',
  'boolean',
  'matrix',
  'matrixdropdown',
  'matrixdynamic',
  'multipletext',
  'paneldynamic',
  'expression',
  'file',
  'signaturepad',
  'html',
  'nonsense',
];

const { element } = fc.letrec<{ element: Record<string, unknown>; leaf: Record<string, unknown>; panel: Record<string, unknown> }>(
  (tie) => ({
    element: fc.oneof({ maxDepth: 30, depthIdentifier: 'panels' }, tie('leaf'), tie('panel')),
    panel: fc.record(
      {
        type: fc.constantFrom('panel', 'paneldynamic'),
        name,
        elements: fc.array(tie('element'), { maxLength: 3 }),
        templateElements: fc.array(tie('element'), { maxLength: 2 }),
      },
      { requiredKeys: ['type', 'name'] },
    ),
    leaf: fc.record(
      {
        type: fc.constantFrom(...types),
        name: fc.oneof(name, junk),
        visibleIf: expression,
        enableIf: expression,
        expression,
        inputType: fc.constantFrom('number', 'email', 'password', 'date', 'week', 'weird'),
        choices: fc.oneof(
          fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant('a.b'), fc.constant('$x')), { maxLength: 8 }),
          fc.integer({ min: 0, max: 700 }).map((n) => Array.from({ length: n }, (_, i) => i)),
          junk,
        ),
        rows: fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.constant('r.1')), { maxLength: 4 }),
        columns: fc.array(
          fc.oneof(fc.integer({ max: 5 }), fc.record({ name, cellType: fc.constantFrom('text', 'dropdown', 'expression', 'file') })),
          { maxLength: 4 },
        ),
        validators: fc.array(
          fc.oneof(
            fc.record({ type: fc.constantFrom('regex', 'regexvalidator'), regex }),
            fc.record({ type: fc.constantFrom('expression', 'numeric', 'answercount', 'bogus'), expression, minValue: fc.integer() }),
          ),
          { maxLength: 2 },
        ),
        isRequired: fc.boolean(),
        title: fc.oneof(
          fc.string({ maxLength: 10 }),
          fc.record({ ru: fc.string({ maxLength: 5 }), en: fc.string({ maxLength: 5 }) }),
          junk,
        ),
      },
      { requiredKeys: ['type', 'name'] },
    ),
  }),
);

const survey = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        title: fc.oneof(fc.string({ maxLength: 10 }), junk),
        pages: fc.array(
          fc.record({ name, elements: fc.array(element, { maxLength: 6 }), visibleIf: expression }, { requiredKeys: ['elements'] }),
          { maxLength: 3 },
        ),
        triggers: fc.array(fc.record({ type: fc.constantFrom('skip', 'complete', 'setvalue'), expression })),
        calculatedValues: fc.array(fc.record({ name, expression, includeIntoResult: fc.boolean() }), { maxLength: 2 }),
      },
      { requiredKeys: ['pages'] },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 6 }) },
);
const envelope = fc.record(
  {
    id: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{2,12}$/), junk),
    respondentType: fc.constantFrom('teacher', 'parent', 'alien'),
    anonymous: fc.oneof(fc.boolean(), junk),
    survey,
    collectsContact: fc.boolean(),
    version: fc.oneof(fc.integer(), junk),
  },
  { requiredKeys: ['id', 'respondentType', 'anonymous', 'survey'] },
);

test('random definitions sent to POST /api/instruments are never answered with a 5xx', async () => {
  await fc.assert(
    fc.asyncProperty(envelope, async (body) => {
      const res = await post(body);
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) expect((await res.json()).error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      else await res.arrayBuffer();
    }),
    { numRuns: 80, seed: 5 },
  );
});

/** Sequential health requests while `work` runs; returns the slowest one in ms. */
async function slowestHealthDuring(work: Promise<unknown>): Promise<number> {
  let done = false;
  void work.finally(() => {
    done = true;
  });
  let slowest = 0;
  let count = 0;
  while (!done || count < 5) {
    const started = performance.now();
    const res = await fetch(`${server.baseUrl}/api/health`);
    await res.arrayBuffer();
    slowest = Math.max(slowest, performance.now() - started);
    count++;
  }
  await work;
  return slowest;
}

const heavy: [string, () => unknown][] = [
  [
    'panels nested 200 deep',
    () => {
      let el: object = { type: 'text', name: 'leaf' };
      for (let i = 0; i < 200; i++) el = { type: 'panel', name: `p${i}`, elements: [el] };
      return [el];
    },
  ],
  [
    '20 000 "or" clauses',
    () => [
      { type: 'text', name: 'a' },
      { type: 'text', name: 'b', visibleIf: Array.from({ length: 20000 }, (_, i) => `{a} = ${i}`).join(' or ') },
    ],
  ],
  ['a nested-quantifier regex', () => [{ type: 'text', name: 'a', validators: [{ type: 'regex', regex: '^(a+)+$' }] }]],
  [
    'lists nested 1 000 deep in a title',
    () => {
      let title: unknown = 'x';
      for (let i = 0; i < 1000; i++) title = [title];
      return [{ type: 'text', name: 'a', title }];
    },
  ],
];

test.each(heavy)('uploading a definition with %s keeps GET /api/health within 100 ms of its usual latency', async (_what, elements) => {
  // Baseline in the same run (the machine may be busy): the slowest of a few health requests alone.
  const baseline = await slowestHealthDuring(new Promise((resolve) => setTimeout(resolve, 50)));
  const body = {
    id: `heavy-${Math.random().toString(36).slice(2, 8)}`,
    respondentType: 'teacher',
    anonymous: false,
    survey: { title: 'Тяжёлый', pages: [{ name: 'p1', elements: elements() }] },
  };
  const upload = post(body).then(async (res) => {
    expect(res.status).toBeLessThan(500);
    await res.arrayBuffer();
  });
  const during = await slowestHealthDuring(upload);
  expect(during).toBeLessThanOrEqual(baseline + 100);
});
