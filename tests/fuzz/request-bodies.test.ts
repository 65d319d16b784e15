// Property-based fuzzing of request bodies (fast-check) against the real app on a real embedded
// store, over real HTTP sent byte for byte: random JSON, deep nesting, huge strings, operator,
// prototype and dotted keys, wrong content types and encodings, invalid UTF-8, to every public
// route. Properties: no answer is a 5xx, a 4xx stores nothing, the server keeps answering
// /api/health, and no request keeps a concurrent health check waiting more than 100 ms longer than
// an ordinary submission does (measured in the same run, so a busy machine does not fail it).
import fc from 'fast-check';
import zlib from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { responsesCollection } from '../../server/responses/data';
import { instrumentsCollection } from '../../server/surveys/data';
import { validParentAnswers } from '../support/answers';
import { builtinInstruments } from '../support/instruments';
import { listen, seededToken, startMera, TestMera } from '../support/mera';
import { rawRequest, type RawRequest, type RawResponse } from '../support/raw-http';

const ADMIN = 'a-long-administrator-token-for-fuzz-tests';

let mera: TestMera;
let server: { baseUrl: string; stop: () => Promise<void> };
let parentToken: string;
let teacherToken: string;
let closedToken: string;
/** The campaigns behind those links: the only ones a fuzzed request could store a response in. */
let campaignIds: string[];

beforeAll(async () => {
  mera = await startMera({ seed: true, config: { adminToken: ADMIN } });
  server = await listen(mera.app);
  const links = [
    await seededToken(mera, 'parent-survey'),
    await seededToken(mera, 'teacher-deficit'),
    await seededToken(mera, 'parent-survey', 'closed'),
  ];
  [parentToken, teacherToken, closedToken] = links.map((l) => l.token);
  campaignIds = links.map((l) => l.campaignId);
});
afterAll(async () => {
  await server.stop();
  await mera.close();
});

const send = (req: RawRequest) => rawRequest(server.baseUrl, req);
// By campaign (an indexed read): counting every response costs the embedded engine ~0.1 s a time.
const stored = async () => ({
  responses: await mera.store.collection(responsesCollection).countDocuments({ campaignId: { $in: campaignIds } }),
  instruments: await mera.store.collection(instrumentsCollection).countDocuments({}),
});

/** Every question name of the built-in instruments: keys the validator knows, so bodies get past the first check. */
const questionNames = (() => {
  const names = new Set<string>();
  const walk = (elements: unknown) => {
    for (const element of (elements as { name?: string; elements?: unknown; templateElements?: unknown }[]) ?? []) {
      if (element.name) names.add(element.name);
      walk(element.elements);
      walk(element.templateElements);
    }
  };
  for (const { instrument } of builtinInstruments)
    for (const page of (instrument.survey as { pages?: unknown[] }).pages ?? []) walk((page as { elements?: unknown }).elements);
  return [...names];
})();

// ---- what a request body may be -------------------------------------------------------------

const awkwardKey = fc.constantFrom(
  '$gt',
  '$where',
  '$set',
  '__proto__',
  'constructor',
  'prototype',
  'a.b',
  '.',
  '',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '\u0000',
  'я.1',
);
const key = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...questionNames) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: awkwardKey },
);
const leaf = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(1, 5, 'yes', 'basic', 'ediary', ['ediary'], true, null, 1e308, -0, 'Спасибо!'),
);

/** JSON values whose keys are question names, random strings and awkward keys, a few levels deep. */
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(key, tie('node'), { maxKeys: 5 }),
  ),
})).node;

/** A key that must be refused, put somewhere inside a valid answer set. */
const plantedKey = fc
  .record({
    key: awkwardKey.filter((k) => k.startsWith('$') || k.includes('.') || ['__proto__', 'constructor', 'prototype'].includes(k)),
    depth: fc.integer({ min: 0, max: 4 }),
    question: fc.constantFrom(...Object.keys(validParentAnswers())),
  })
  .map(({ key: planted, depth, question }) => {
    let inner = `{${JSON.stringify(planted)}:1}`;
    for (let i = 0; i < depth; i++) inner = i % 2 ? `[${inner}]` : `{"x":${inner}}`;
    const answers = JSON.stringify(validParentAnswers()).slice(1, -1);
    return `{"answers":{${answers},${JSON.stringify(question)}:${inner}}}`;
  });

const nested = fc
  .record({
    depth: fc.integer({ min: 1, max: 20_000 }),
    open: fc.constantFrom('[', '{"a":', '{"answers":', '[{"b":'),
    where: fc.constantFrom('top', 'answer'),
  })
  .map(({ depth, open, where }) => {
    const close = open === '[' ? ']' : open === '[{"b":' ? '}]' : '}';
    const deep = open.repeat(depth) + '1' + close.repeat(depth);
    return where === 'top' ? deep : `{"answers":{"suggestions":${deep}}}`;
  });

const hugeString = fc
  .record({ length: fc.integer({ min: 1_000, max: 150_000 }), char: fc.constantFrom('a', 'я', '\\u0000', '"', '😀', '\\ud800') })
  .map(({ length, char }) => {
    const text = char === '"' ? '\\"'.repeat(length) : char.repeat(length);
    return `{"answers":{"suggestions":"${text}","child_level":"basic"}}`;
  });

const mutatedValid = fc
  .record({ question: fc.constantFrom(...Object.keys(validParentAnswers())), answer: value })
  .map(({ question, answer }) => JSON.stringify({ answers: { ...validParentAnswers(), [question]: answer } }));

/** Bytes that are not UTF-8 (a stray continuation byte, a truncated sequence, an overlong form, 0xFF) inside a string. */
const invalidUtf8 = fc
  .record({ bad: fc.constantFrom([0x80], [0xc3], [0xe2, 0x82], [0xc0, 0xaf], [0xff], [0xed, 0xa0, 0x80]) })
  .map(({ bad }) =>
    Buffer.concat([Buffer.from('{"answers":{"child_level":"basic","suggestions":"abc'), Buffer.from(bad), Buffer.from('def"}}')]),
  );

const body: fc.Arbitrary<Buffer | undefined> = fc.oneof(
  { weight: 3, arbitrary: value.map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
  { weight: 3, arbitrary: fc.dictionary(key, value, { maxKeys: 8 }).map((answers) => Buffer.from(JSON.stringify({ answers }))) },
  { weight: 3, arbitrary: mutatedValid.map((text) => Buffer.from(text)) },
  { weight: 2, arbitrary: plantedKey.map((text) => Buffer.from(text)) },
  { weight: 2, arbitrary: nested.map((text) => Buffer.from(text)) },
  { weight: 1, arbitrary: hugeString.map((text) => Buffer.from(text)) },
  { weight: 1, arbitrary: invalidUtf8 },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((text) => Buffer.from(text)) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=nope',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/merge-patch+json',
  ';;;',
  undefined,
);

/** How the body is encoded: as is, properly compressed, or labelled compressed without being so. */
const encoding = fc.constantFrom(
  'none',
  'none',
  'none',
  'gzip',
  'deflate',
  'br',
  'label:gzip',
  'label:deflate',
  'label:br',
  'label:compress',
  'label:gzip, gzip',
  'label:identity',
  'label:GZIP',
);

function encode(bytes: Buffer | undefined, how: string): { bytes: Buffer | undefined; header?: string } {
  if (how === 'none' || bytes === undefined) return { bytes };
  if (how.startsWith('label:')) return { bytes, header: how.slice(6) };
  const compress = { gzip: zlib.gzipSync, deflate: zlib.deflateSync, br: zlib.brotliCompressSync }[how as 'gzip' | 'deflate' | 'br'];
  return { bytes: compress(bytes), header: how };
}

// ---- where it is sent -----------------------------------------------------------------------

const segment = fc.string({ minLength: 1, maxLength: 30 }).map((s) => encodeURIComponent(s));
const route: fc.Arbitrary<{ method: string; path: string; headers?: { authorization?: string } }> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .constantFrom(
        () => parentToken,
        () => teacherToken,
        () => closedToken,
      )
      .map((token) => ({ method: 'POST', path: `/api/links/${token()}/responses` })),
  },
  { weight: 1, arbitrary: segment.map((token) => ({ method: 'POST', path: `/api/links/${token}/responses` })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        () => parentToken,
        () => teacherToken,
      )
      .map((token) => ({ method: 'GET', path: `/api/links/${token()}` })),
  },
  { weight: 1, arbitrary: segment.map((token) => ({ method: 'GET', path: `/api/links/${token}` })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        '/api/instruments',
        '/api/instruments/parent-survey',
        '/api/instruments/parent-survey/versions/1',
        '/api/schools',
        '/api/health',
        '/api/demo',
      )
      .map((path) => ({ method: 'GET', path })),
  },
  { weight: 1, arbitrary: segment.map((id) => ({ method: 'GET', path: `/api/instruments/${id}/versions/${id}` })) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(`Bearer ${ADMIN}`, '', 'Bearer wrong')
      .map((authorization) => ({ method: 'POST', path: '/api/instruments', headers: authorization ? { authorization } : {} })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
      path: fc.webPath().map((p) => `/api/${p.replace(/^\/+/, '')}`),
    }),
  },
);

test('no request body makes the server answer 5xx; a refused request stores nothing; /api/health keeps answering', async () => {
  await fc.assert(
    fc.asyncProperty(route, body, contentType, encoding, async (target, raw, type, how) => {
      const { bytes, header } = encode(raw, how);
      const headers: Record<string, string> = target.headers?.authorization ? { authorization: target.headers.authorization } : {};
      if (type !== undefined) headers['content-type'] = type;
      if (header !== undefined) headers['content-encoding'] = header;
      const before = await stored();
      const res = await send({ method: target.method, path: target.path, headers, body: bytes });
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) {
        expect(res.body?.error?.code).toEqual(expect.any(String));
        expect(await stored()).toEqual(before);
      }
      expect((await send({ method: 'GET', path: '/api/health' })).status).toBe(200);
    }),
    { numRuns: 150 },
  );
  // Each run is a real request, two store reads and a health check: ~0.1 s, several times that when
  // the machine is shared.
}, 240_000);

// ---- stalls ---------------------------------------------------------------------------------

/** The longest a health check waits while `request` is under way: health checks are sent one after another until it is answered. */
async function worstHealthWait(request: () => Promise<RawResponse>): Promise<{ wait: number; status: number }> {
  let done = false;
  const answered = request().finally(() => (done = true));
  let wait = 0;
  do {
    const started = performance.now();
    await send({ method: 'GET', path: '/api/health' });
    wait = Math.max(wait, performance.now() - started);
  } while (!done);
  return { wait, status: (await answered).status };
}

/**
 * The share of a core this process gets right now (1 on an idle machine): CPU time over wall time
 * of a short busy loop. Seven engineers share two cores here; a stall measured in wall time is
 * multiplied by it to say how long it would be on a machine of its own.
 */
function machineShare(): number {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let x = 0;
  while (performance.now() - started < 25) x += Math.sqrt(x + 1);
  const cpu = process.cpuUsage(cpuBefore);
  return Math.min(1, (cpu.user + cpu.system) / 1000 / (performance.now() - started));
}

const submitTo =
  (path: string, bytes: Buffer, headers: Record<string, string> = {}) =>
  () =>
    send({ method: 'POST', path, headers: { 'content-type': 'application/json', ...headers }, body: bytes });

let uploads = 0;
/** An instrument of `count` questions of the common kinds, with conditions, validators and texts in two languages. */
function largeInstrument(id: string, count: number) {
  const elements = Array.from({ length: count }, (_, i) => {
    const title = { ru: `Вопрос ${i}: насколько вы согласны с утверждением`, en: `Question ${i}: how far do you agree` };
    switch (i % 6) {
      case 0:
        return {
          type: 'radiogroup',
          name: `q${i}`,
          title,
          isRequired: true,
          choices: [1, 2, 3, 4, 5].map((value) => ({ value, text: { ru: `Вариант ${value}`, en: `Option ${value}` } })),
        };
      case 1:
        return { type: 'comment', name: `q${i}`, title, visibleIf: `{q${i - 1}} = 1 or {q${i - 1}} = 2` };
      case 2:
        return { type: 'rating', name: `q${i}`, title, rateMin: 1, rateMax: 10 };
      case 3:
        return {
          type: 'checkbox',
          name: `q${i}`,
          title,
          choices: ['a', 'b', 'c', 'd', 'e', 'f'],
          showOtherItem: true,
          visibleIf: `{q${i - 1}} > 3`,
        };
      case 4:
        return { type: 'matrix', name: `q${i}`, title, rows: ['r1', 'r2', 'r3', 'r4', 'r5'], columns: [1, 2, 3, 4, 5] };
      default:
        return {
          type: 'text',
          name: `q${i}`,
          title,
          inputType: 'number',
          min: 0,
          max: 100,
          validators: [{ type: 'expression', expression: `{q${i}} <= 50 or {q${i - 3}} notempty` }],
        };
    }
  });
  const pages = Array.from({ length: Math.ceil(count / 20) }, (_, p) => ({
    name: `page${p}`,
    elements: elements.slice(p * 20, p * 20 + 20),
  }));
  return { id, respondentType: 'teacher', anonymous: false, survey: { title: { ru: 'Большая анкета', en: 'A large survey' }, pages } };
}

/** Requests built to cost the server the most work within the limits, by kind and size. */
const adversarialShape = fc.record({
  kind: fc.constantFrom(
    'deep arrays',
    'deep objects',
    'many keys',
    'long array',
    'huge string',
    'gzip bomb',
    'inflated to the limit',
    'large upload',
    'large definition',
    'prototype keys everywhere',
  ),
  scale: fc.double({ min: 0.5, max: 1, noNaN: true }),
});
function adversarial({ kind, scale }: { kind: string; scale: number }) {
  const responses = `/api/links/${parentToken}/responses`;
  const size = Math.floor(95_000 * scale);
  const json = (text: string) => Buffer.from(text);
  switch (kind) {
    case 'deep arrays':
      return { kind, send: submitTo(responses, json('['.repeat(size / 2) + ']'.repeat(size / 2))) };
    case 'deep objects':
      return { kind, send: submitTo(responses, json('{"a":'.repeat(size / 6) + '1' + '}'.repeat(size / 6))) };
    case 'many keys':
      return {
        kind,
        send: submitTo(
          responses,
          json(JSON.stringify({ answers: Object.fromEntries(Array.from({ length: size / 12 }, (_, i) => [`k${i}`, i])) })),
        ),
      };
    case 'long array':
      return {
        kind,
        send: submitTo(
          responses,
          json(
            JSON.stringify({
              answers: { ...validParentAnswers(), preferred_channels: Array.from({ length: Math.floor(19_900 * scale) }, () => 1) },
            }),
          ),
        ),
      };
    case 'huge string':
      return {
        kind,
        send: submitTo(responses, json(JSON.stringify({ answers: { ...validParentAnswers(), suggestions: 'я'.repeat(size / 2) } }))),
      };
    case 'gzip bomb': {
      const member = zlib.gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20), { level: 9 });
      return {
        kind,
        send: submitTo(responses, Buffer.concat(Array.from({ length: Math.ceil(64 * scale) }, () => member)), {
          'content-encoding': 'gzip',
        }),
      };
    }
    case 'inflated to the limit':
      return {
        kind,
        send: submitTo(
          responses,
          zlib.gzipSync(json(JSON.stringify({ answers: Object.fromEntries(Array.from({ length: size / 12 }, (_, i) => [`k${i}`, [i]])) }))),
          { 'content-encoding': 'gzip' },
        ),
      };
    case 'large upload': {
      // A body near the upload's item limit that is not an instrument: the parser's and the guards'
      // share of an upload, refused.
      const padding = Array.from({ length: Math.floor(33_000 * scale) }, (_, i) => ({ n: [i] }));
      return {
        kind,
        send: submitTo('/api/instruments', json(JSON.stringify({ id: 'fuzz-upload', padding })), { authorization: `Bearer ${ADMIN}` }),
      };
    }
    case 'large definition': {
      // A valid instrument of up to 300 questions with conditions and validators, accepted and
      // stored as a new instrument each time: every check and the store's write of the definition.
      const questions = Math.floor(300 * scale);
      return {
        kind,
        send: () =>
          submitTo('/api/instruments', json(JSON.stringify(largeInstrument(`fuzz-large-${++uploads}`, questions))), {
            authorization: `Bearer ${ADMIN}`,
          })(),
      };
    }
    default:
      return {
        kind,
        send: submitTo(
          responses,
          json(
            JSON.stringify({
              answers: Object.fromEntries(Array.from({ length: size / 40 }, (_, i) => [`q${i}`, { x: [{ y: i }] }])),
            }).replace(/"x"/g, '"__proto__"'),
          ),
        ),
      };
  }
}

test('no request keeps a concurrent health check waiting more than 100 ms longer than an ordinary submission does', async () => {
  const ordinary = submitTo(`/api/links/${parentToken}/responses`, Buffer.from(JSON.stringify({ answers: validParentAnswers() })));
  /** The health check's worst wait during `request`, in the time of a machine of its own. */
  const waitDuring = async (request: () => Promise<RawResponse>) => {
    const share = machineShare();
    const { wait, status } = await worstHealthWait(request);
    return { wait: wait * share, status };
  };
  const baselines: number[] = [];
  for (let i = 0; i < 5; i++) baselines.push((await waitDuring(ordinary)).wait);
  const baseline = baselines.sort((a, b) => a - b)[2];
  await fc.assert(
    fc.asyncProperty(adversarialShape, async (shape) => {
      const { kind, send: request } = adversarial(shape);
      // The better of two tries: a stall the request causes shows in both, a hiccup of the machine rarely does.
      const first = await waitDuring(request);
      const second = await waitDuring(request);
      expect(first.status).toBeLessThan(500);
      if (kind === 'large definition') expect([first.status, second.status]).toEqual([201, 201]);
      expect({ kind, extraWaitOver100ms: Math.min(first.wait, second.wait) - baseline > 100 }).toEqual({ kind, extraWaitOver100ms: false });
    }),
    // The largest of each kind is always tried (the uploads are administrators' only heavy requests).
    { numRuns: 18, examples: [[{ kind: 'large upload', scale: 1 }], [{ kind: 'large definition', scale: 1 }]] },
  );
});
