// Submitting once: the device's idempotency key makes a retried or doubled submission store one
// response, and the key is kept apart from responses, hashed, with only the day and an expiry.
import crypto from 'node:crypto';
import request from 'supertest';
import { responsesCollection } from '../../server/responses/data';
import { keyLifetimeSeconds, submissionKeysCollection } from '../../server/responses/data';
import { teacherAnswers, validParentAnswers } from '../support/answers';
import { seededToken, startMera, TestMera } from '../support/mera';

let mera: TestMera;
beforeAll(async () => {
  mera = await startMera({ seed: true });
});
afterAll(() => mera.close());

const stored = (campaignId: string, schoolId: string) =>
  mera.store.collection(responsesCollection).countDocuments({ campaignId, schoolId });

test('the same answer sent twice with one idempotency key is stored once and the second reply says it was repeated', async () => {
  const { token, campaignId, schoolId } = await seededToken(mera, 'parent-survey', 'open', 4);
  const before = await stored(campaignId, schoolId);
  const key = crypto.randomUUID();
  const first = await request(mera.app)
    .post(`/api/links/${token}/responses`)
    .set('Idempotency-Key', key)
    .send({ answers: validParentAnswers() })
    .expect(201);
  const second = await request(mera.app)
    .post(`/api/links/${token}/responses`)
    .set('Idempotency-Key', key)
    .send({ answers: validParentAnswers() })
    .expect(201);
  expect(first.body).toEqual({ received: true, dropped: [] });
  expect(second.body).toEqual({ received: true, dropped: [], repeated: true });
  expect(await stored(campaignId, schoolId)).toBe(before + 1);
});

test('two submissions with one key arriving together store one response', async () => {
  const { token, campaignId, schoolId } = await seededToken(mera, 'parent-survey', 'open', 5);
  const before = await stored(campaignId, schoolId);
  const key = crypto.randomUUID();
  const send = () =>
    request(mera.app).post(`/api/links/${token}/responses`).set('Idempotency-Key', key).send({ answers: validParentAnswers() });
  const replies = await Promise.all([send(), send(), send()]);
  expect(replies.map((r) => r.status)).toEqual([201, 201, 201]);
  expect(replies.filter((r) => r.body.repeated).length).toBe(2);
  expect(await stored(campaignId, schoolId)).toBe(before + 1);
});

test('a retried teacher answer gets the scores of the first submission back', async () => {
  const { token } = await seededToken(mera, 'teacher-deficit', 'open', 3);
  const key = crypto.randomUUID();
  const first = await request(mera.app)
    .post(`/api/links/${token}/responses`)
    .set('Idempotency-Key', key)
    .send({ answers: teacherAnswers(4) })
    .expect(201);
  const again = await request(mera.app)
    .post(`/api/links/${token}/responses`)
    .set('Idempotency-Key', key)
    .send({ answers: teacherAnswers(4) })
    .expect(201);
  expect(again.body.scores).toEqual(first.body.scores);
});

test('a refused answer frees its key: the corrected answer sent with the same key is stored', async () => {
  const { token, campaignId, schoolId } = await seededToken(mera, 'parent-survey', 'open', 6);
  const before = await stored(campaignId, schoolId);
  const key = crypto.randomUUID();
  await request(mera.app)
    .post(`/api/links/${token}/responses`)
    .set('Idempotency-Key', key)
    .send({ answers: { ...validParentAnswers(), sat_overall: 9 } })
    .expect(400);
  const ok = await request(mera.app)
    .post(`/api/links/${token}/responses`)
    .set('Idempotency-Key', key)
    .send({ answers: validParentAnswers() })
    .expect(201);
  expect(ok.body.repeated).toBeUndefined();
  expect(await stored(campaignId, schoolId)).toBe(before + 1);
});

test('a malformed idempotency key is refused with 400 naming the header, and nothing is stored', async () => {
  const { token, campaignId, schoolId } = await seededToken(mera, 'parent-survey', 'open', 7);
  const before = await stored(campaignId, schoolId);
  const res = await request(mera.app)
    .post(`/api/links/${token}/responses`)
    .set('Idempotency-Key', 'short')
    .send({ answers: validParentAnswers() })
    .expect(400);
  expect(res.body.error).toMatchObject({ code: 'request.idempotency_key', field: 'Idempotency-Key' });
  expect(await stored(campaignId, schoolId)).toBe(before);
});

test('an anonymous answer leaves only a hashed key with the day and no receipt; the response names no key', async () => {
  const { token, campaignId, schoolId } = await seededToken(mera, 'parent-survey', 'open', 8);
  const key = crypto.randomUUID();
  await request(mera.app)
    .post(`/api/links/${token}/responses`)
    .set('Idempotency-Key', key)
    .send({ answers: validParentAnswers() })
    .expect(201);
  const keys = await mera.store.collection(submissionKeysCollection).find({});
  const mine = keys.find((k) => k._id === crypto.hash('sha256', `mera-submission:${key}`, 'hex'))!;
  expect(Object.keys(mine).sort()).toEqual(['_id', 'day', 'state']);
  expect(mine.day.getUTCHours() + mine.day.getUTCMinutes() + mine.day.getUTCSeconds() + mine.day.getUTCMilliseconds()).toBe(0);
  expect(JSON.stringify(keys)).not.toContain(key);
  const responses = await mera.store.collection(responsesCollection).find({ campaignId, schoolId });
  expect(JSON.stringify(responses)).not.toContain(key);
  expect(JSON.stringify(responses)).not.toContain(mine._id);
  expect(submissionKeysCollection.indexes).toEqual([{ fields: { day: 1 }, expireAfterSeconds: keyLifetimeSeconds }]);
});
