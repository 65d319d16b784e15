// Requests built to break or stall the server, over real HTTP on the real app and a temp embedded
// store: each is a clear 4xx that stores nothing, and the server keeps serving. Also the request
// side of the administrator's upload limit, the masked error log and the link secret's retry.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import request from 'supertest';
import { createApp } from '../../server/app';
import { MAX_BODY_DEPTH, MAX_BODY_ITEMS } from '../../server/request-guards';
import { responsesCollection } from '../../server/responses/data';
import { type Collection, type CollectionSpec, type Store } from '../../server/store';
import { instrumentsCollection } from '../../server/surveys/data';
import { validParentAnswers } from '../support/answers';
import { listen, seededToken, startMera, TestMera } from '../support/mera';
import { rawRequest, type RawResponse } from '../support/raw-http';

const ADMIN = 'a-long-administrator-token-for-hardening-tests';

let mera: TestMera;
let token: string;
let server: { baseUrl: string; stop: () => Promise<void> };
beforeAll(async () => {
  mera = await startMera({ seed: true, config: { adminToken: ADMIN } });
  token = (await seededToken(mera, 'parent-survey')).token;
  server = await listen(mera.app);
});
afterAll(async () => {
  await server.stop();
  await mera.close();
});

const countResponses = () => mera.store.collection(responsesCollection).countDocuments({});
const submit = () => request(mera.app).post(`/api/links/${token}/responses`);

/** Sends a request, expects the status and error code (and field), and checks nothing was stored and health still answers. */
async function expectRefused(send: () => request.Test | Promise<RawResponse>, status: number, code: string, field?: string) {
  const before = await countResponses();
  const res = await send();
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { error: expect.anything() } });
  expect(res.headers['content-type']).toMatch(/json/);
  expect(res.body.error).toMatchObject({ code, ...(field !== undefined ? { field } : {}) });
  expect(res.body.error.message).toEqual(expect.any(String));
  expect(await countResponses()).toBe(before);
  await request(mera.app).get('/api/health').expect(200);
  return res;
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
/** A submission sent byte for byte with these headers (Content-Type: application/json unless given). */
const submitRaw = (body: Buffer, headers: Record<string, string>) =>
  rawRequest(server.baseUrl, { path: `/api/links/${token}/responses`, headers: { 'content-type': 'application/json', ...headers }, body });

describe('compressed request bodies', () => {
  test.each(['gzip', 'deflate', 'br'])(
    'a body labelled Content-Encoding: %s that is plain JSON is refused with 400 and stores nothing',
    async (encoding) => {
      await expectRefused(
        () => submitRaw(json({ answers: validParentAnswers() }), { 'content-encoding': encoding }),
        400,
        'request.bad_compression',
        'content-encoding',
      );
    },
  );

  test('a gzip body cut short is refused with 400 and stores nothing', async () => {
    const whole = zlib.gzipSync(json({ answers: validParentAnswers() }));
    await expectRefused(
      () => submitRaw(whole.subarray(0, whole.length - 12), { 'content-encoding': 'gzip' }),
      400,
      'request.bad_compression',
      'content-encoding',
    );
  });

  test('a valid gzip-compressed answer set is accepted and stored like an uncompressed one', async () => {
    const before = await countResponses();
    const answers = { ...validParentAnswers(), suggestions: 'Сжатый ответ' };
    expect((await submitRaw(zlib.gzipSync(json({ answers })), { 'content-encoding': 'gzip' })).status).toBe(201);
    expect(await countResponses()).toBe(before + 1);
    expect(await mera.store.collection(responsesCollection).countDocuments({ 'answers.suggestions': 'Сжатый ответ' })).toBe(1);
  });

  test('a gzip bomb (1 GB of zeros in 1 MB) is refused with 413 once the inflated body passes the limit, without inflating the rest', async () => {
    // One gzip member of 16 MB of zeros, repeated: gunzip reads concatenated members as one stream.
    const member = zlib.gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 64 }, () => member));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    await expectRefused(() => submitRaw(bomb, { 'content-encoding': 'gzip' }), 413, 'request.too_large', 'body');
    // Inflating it all would have held 1 GB (raw-body keeps what it reads); the limit is 100 kB.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(256 * 1024 * 1024);
  });

  test('an unknown Content-Encoding is refused with 415 naming the header', async () => {
    await expectRefused(
      () => submitRaw(json({ answers: validParentAnswers() }), { 'content-encoding': 'compress' }),
      415,
      'request.bad_content_encoding',
      'content-encoding',
    );
  });

  test('a JSON body declared as UTF-16 is refused with 415', async () => {
    await expectRefused(
      () =>
        submitRaw(Buffer.from(JSON.stringify({ answers: validParentAnswers() }), 'utf16le'), {
          'content-type': 'application/json; charset=utf-16',
        }),
      415,
      'request.bad_encoding',
      'content-type',
    );
  });
});

describe('deeply nested bodies', () => {
  const nestedArrays = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);
  const nestedObjects = (depth: number, inner = '1') => '{"a":'.repeat(depth) + inner + '}'.repeat(depth);

  test.each([
    ['arrays', () => `{"answers":{"suggestions":${nestedArrays(10_000)}}}`],
    ['objects', () => `{"answers":{"suggestions":${nestedObjects(10_000)}}}`],
    ['arrays at the top level', () => nestedArrays(10_000)],
    ['arrays, a body of 100 kB', () => nestedArrays(49_000)],
  ])('JSON nested 10 000 deep (%s) is refused with 400 saying how deep a body may be', async (_what, body) => {
    const res = await expectRefused(() => submit().set('Content-Type', 'application/json').send(body()), 400, 'request.too_deep');
    expect(res.body.error.message).toContain(String(MAX_BODY_DEPTH));
  });

  test('a body exactly at the nesting limit passes the guards and reaches the validator; one level more does not', async () => {
    // The body object is level 1, answers level 2, the answer's arrays the rest.
    const atLimit = `{"answers":{"suggestions":${nestedArrays(MAX_BODY_DEPTH - 2)}}}`;
    await expectRefused(() => submit().set('Content-Type', 'application/json').send(atLimit), 400, 'response.invalid', 'suggestions');
    const overLimit = `{"answers":{"suggestions":${nestedArrays(MAX_BODY_DEPTH - 1)}}}`;
    await expectRefused(() => submit().set('Content-Type', 'application/json').send(overLimit), 400, 'request.too_deep');
  });

  test('brackets inside strings do not count as nesting', async () => {
    const answers = { ...validParentAnswers(), suggestions: '[[[[{{{{'.repeat(100) };
    await submit().send({ answers }).expect(201);
  });
});

describe('keys a body may not have', () => {
  test.each([
    ['__proto__ as an answer key', `{"answers":{"child_level":"basic","__proto__":{"x":1}}}`, 'request.prototype_key', 'answers.__proto__'],
    ['__proto__ at the top level', `{"__proto__":{"answers":{}},"answers":{"child_level":"basic"}}`, 'request.prototype_key', '__proto__'],
    [
      'constructor inside an answer',
      `{"answers":{"preferred_channels":[{"constructor":{"prototype":1}}]}}`,
      'request.prototype_key',
      'answers.preferred_channels[0].constructor',
    ],
    ['prototype as an answer key', `{"answers":{"prototype":"yes"}}`, 'request.prototype_key', 'answers.prototype'],
    [
      'a dot in a key outside the answers',
      `{"answers":{"child_level":"basic"},"child.level":"basic"}`,
      'request.dotted_key',
      '["child.level"]',
    ],
    ['an operator outside the answers', `{"answers":{"child_level":"basic"},"$where":"1"}`, 'request.operator', '$where'],
  ])('%s is refused with 400 naming the path', async (_what, body, code, field) => {
    const res = await expectRefused(() => submit().set('Content-Type', 'application/json').send(body), 400, code, field);
    expect(res.body.error.message).toContain(field);
  });

  // Answers are keyed by the survey's own names, which may hold "." and "$" (issue 27): the guard lets
  // them through and the validator refuses every name that is no question, row or column of the survey.
  test.each([
    ['a dot in an answer key', `{"answers":{"child.level":"basic"}}`, 'response.unknown_question', 'child.level'],
    ['a dot in a key deep inside an answer', `{"answers":{"aware_procedures":{"a":[{"b.c":1}]}}}`, 'response.invalid', 'aware_procedures'],
    ['an operator inside an answer', `{"answers":{"aware_procedures":{"$gt":""}}}`, 'response.invalid', 'aware_procedures'],
  ])('%s that is no name of the survey is refused with 400 by the validator', async (_what, body, code, field) => {
    await expectRefused(() => submit().set('Content-Type', 'application/json').send(body), 400, code, field);
  });

  test('a matrix row whose value has a dot is taken at upload (issue 27: any name SurveyJS accepts), its key encoded for the store', async () => {
    // Rows "1.1", "1.2" (numbered items are common in school forms) would become keys of the stored answer.
    const source = JSON.parse(fs.readFileSync(path.join(__dirname, '../../surveys/staff-effectiveness.json'), 'utf8'));
    const survey = {
      ...source.survey,
      pages: source.survey.pages.map((page: { elements: { type: string; rows?: unknown[] }[] }) => ({
        ...page,
        elements: page.elements.map((e) =>
          e.type === 'matrix' ? { ...e, rows: (e.rows ?? []).map((row, i) => ({ ...(row as object), value: `1.${i + 1}` })) } : e,
        ),
      })),
    };
    const upload = await request(mera.app)
      .post('/api/instruments')
      .set('Authorization', `Bearer ${ADMIN}`)
      .send({ ...source, id: 'numbered-staff-survey', survey, version: undefined });
    // Any name SurveyJS accepts is taken (issue 27): the dotted row's key is encoded for the store
    // (server/surveys/answer-keys.ts), so no stored answer carries a dotted key.
    expect(upload.status).toBe(201);
  });
});

describe('body limits: respondents and administrators', () => {
  const bigUpload = () => {
    const source = JSON.parse(fs.readFileSync(path.join(__dirname, '../../surveys/parent-survey.json'), 'utf8'));
    // ~300 kB of description: over the respondents' 100 kB, under the uploads' 2 MB.
    return {
      ...source,
      id: 'long-described-survey',
      version: undefined,
      survey: { ...source.survey, description: { default: 'д'.repeat(150_000), en: 'd'.repeat(10_000) } },
    };
  };
  const countInstruments = () => mera.store.collection(instrumentsCollection).countDocuments({});

  test("an administrator may upload a definition larger than the respondents' body limit (up to MERA_UPLOAD_LIMIT)", async () => {
    const body = bigUpload();
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(300_000);
    const res = await request(mera.app).post('/api/instruments').set('Authorization', `Bearer ${ADMIN}`).send(body);
    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
  });

  test('an upload over MERA_UPLOAD_LIMIT is refused with 413 and adds nothing', async () => {
    const before = await countInstruments();
    const body = { ...bigUpload(), survey: { description: 'x'.repeat(2_200_000) } };
    const res = await request(mera.app).post('/api/instruments').set('Authorization', `Bearer ${ADMIN}`).send(body).expect(413);
    expect(res.body.error.code).toBe('request.too_large');
    expect(await countInstruments()).toBe(before);
  });

  test('without the administrator token a large upload is refused with 401 before its body is read', async () => {
    const res = await request(mera.app).post('/api/instruments').send(bigUpload()).expect(401);
    expect(res.body.error.code).toBe('admin.unauthorised');
  });

  test("a respondent's body with more items than allowed is refused with 413 before it is parsed, however few bytes it has", async () => {
    const many = { answers: { ...validParentAnswers(), preferred_channels: Array.from({ length: MAX_BODY_ITEMS.request + 1 }, () => 0) } };
    expect(Buffer.byteLength(JSON.stringify(many))).toBeLessThan(100_000);
    const res = await expectRefused(() => submit().send(many), 413, 'request.too_many_items', 'body');
    expect(res.body.error.message).toContain(String(MAX_BODY_ITEMS.request));
  });

  test('an upload with more items than allowed is refused with 413 and adds nothing', async () => {
    const before = await countInstruments();
    const body = { ...bigUpload(), padding: Array.from({ length: MAX_BODY_ITEMS.upload + 1 }, () => 0) };
    const res = await request(mera.app).post('/api/instruments').set('Authorization', `Bearer ${ADMIN}`).send(body).expect(413);
    expect(res.body.error.code).toBe('request.too_many_items');
    expect(await countInstruments()).toBe(before);
  });

  test("a respondent's body over MERA_BODY_LIMIT is still refused with 413 when the upload limit is larger", async () => {
    await expectRefused(
      () => submit().send({ answers: { ...validParentAnswers(), suggestions: 'я'.repeat(120_000) } }),
      413,
      'request.too_large',
      'body',
    );
  });
});

/** The real store with one method of one collection failing its next `times` calls. */
function storeFailing(store: Store, collectionName: string, method: keyof Collection<unknown>, times: number): Store {
  let left = times;
  return {
    engine: store.engine,
    status: () => store.status(),
    close: () => store.close(),
    collection<T>(spec: CollectionSpec<T>): Collection<T> {
      const real = store.collection(spec);
      if (spec.name !== collectionName) return real;
      return new Proxy(real, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (property !== method || typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (left > 0) {
              left--;
              return Promise.reject(new Error(`injected failure of ${collectionName}.${String(method)}`));
            }
            return value.apply(target, args);
          };
        },
      });
    },
  };
}

describe('section 5 defects', () => {
  test('the session and link secrets are read again after a failed read: one failure does not break /api/demo until a restart', async () => {
    // The first request's session-secret read fails, then the second request's link-secret read.
    const app = createApp({
      config: mera.config,
      store: storeFailing(mera.store, 'settings', 'findOneAndUpdate', 2),
      log: () => undefined,
    });
    await request(app).get('/api/demo').expect(500);
    await request(app).get('/api/demo').expect(500);
    const res = await request(app).get('/api/demo').expect(200);
    expect(res.body.campaigns.length).toBeGreaterThan(0);
  });

  test('an unexpected error on a link route is logged with the link token masked', async () => {
    const logged: string[] = [];
    const app = createApp({
      config: mera.config,
      store: storeFailing(mera.store, 'links', 'findOne', 2),
      log: (message) => logged.push(message),
    });
    await request(app).get(`/api/links/${token}?source=${token}`).expect(500);
    await request(app).post(`/API/Links/${token}/responses`).send({ answers: validParentAnswers() }).expect(500);
    expect(logged).toEqual(['unexpected error on GET /api/links/:token', 'unexpected error on POST /API/Links/:token/responses']);
    expect(logged.join('\n')).not.toContain(token);
  });
});
