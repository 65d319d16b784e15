// Issue 24, attack 4 (what the store holds): no collection lets a reader recover the hour or the
// class of an anonymous response. Idempotency keys hold the day, nothing finer, and nothing that
// matches them to a response; answers through a class's link are kept only as a count per link.
// Issue 23, item 8: a key left pending by a process that died is taken over by a retry once its
// short lease is over, so the answer the device still holds is stored.
import crypto from 'node:crypto';
import request from 'supertest';
import { linkAnswersCollection, linksCollection } from '../../server/campaigns/data';
import { linkSecret, linkToken, tokenHash } from '../../server/campaigns/links';
import { nowMs, setClock } from '../../server/clock';
import { leaseSeconds } from '../../server/responses/idempotency';
import { responsesCollection, submissionKeysCollection } from '../../server/responses/data';
import { schoolsCollection } from '../../server/schools/data';
import { newId } from '../../server/store';
import { clusterSchools } from '../../seeds/schools';
import { parentRated } from '../support/disclosure';
import { startMera, type TestMera } from '../support/mera';
import { campaignWithLinks } from '../support/results';

let mera: TestMera;
let schoolIds: string[];
let restoreClock: (() => void) | undefined;

beforeEach(async () => {
  mera = await startMera({ config: { minGroupSize: 5 } });
  schoolIds = (await mera.store.collection(schoolsCollection).insertMany(clusterSchools)).map((s) => s._id);
});

afterEach(async () => {
  restoreClock?.();
  restoreClock = undefined;
  await mera.close();
});

const keyId = (key: string) => crypto.hash('sha256', `mera-submission:${key}`, 'hex');

/** A link of one class of a school in a campaign (as a coordinator's class list makes them). */
async function classLink(campaignId: string, schoolId: string, className: string): Promise<string> {
  const _id = newId();
  const secret = await linkSecret(mera.store, mera.config.secret);
  await mera.store
    .collection(linksCollection)
    .insertOne({ _id, campaignId, schoolId, className, tokenHash: tokenHash(linkToken(secret, _id)) });
  return linkToken(secret, _id);
}

test('answers sent at different hours through two classes leave keys with the day only and class counts only', async () => {
  const [a] = schoolIds;
  const { id } = await campaignWithLinks(mera, 'parent-survey', [a]);
  const classes = { '5А': await classLink(id, a, '5А'), '5Б': await classLink(id, a, '5Б') };
  const sent: { at: string; className: '5А' | '5Б'; key: string }[] = [
    { at: '2026-03-02T06:13:41Z', className: '5А', key: crypto.randomUUID() },
    { at: '2026-03-02T09:47:05Z', className: '5Б', key: crypto.randomUUID() },
    { at: '2026-03-02T15:02:59Z', className: '5А', key: crypto.randomUUID() },
  ];
  for (const s of sent) {
    restoreClock = setClock(s.at, { frozen: true });
    await request(mera.app)
      .post(`/api/links/${classes[s.className]}/responses`)
      .set('Idempotency-Key', s.key)
      .send({ answers: parentRated(4) })
      .expect(201);
    restoreClock();
    restoreClock = undefined;
  }
  // Read on that evening (the keys expire a week after their day).
  restoreClock = setClock('2026-03-02T20:00:00Z', { frozen: true });
  const keys = await mera.store.collection(submissionKeysCollection).find({});
  expect(keys).toHaveLength(3);
  for (const k of keys) {
    // Only the day: the three keys of three hours are alike but for their hashed ids.
    expect(Object.keys(k).sort()).toEqual(['_id', 'day', 'state']);
    expect(k.day.toISOString()).toBe('2026-03-02T00:00:00.000Z');
  }
  const responses = await mera.store.collection(responsesCollection).find({ campaignId: id });
  expect(responses).toHaveLength(3);
  for (const r of responses) {
    expect(Object.keys(r).sort()).toEqual([
      '_id',
      'answers',
      'campaignId',
      'day',
      'instrumentId',
      'instrumentVersion',
      'respondentType',
      'schoolId',
    ]);
    expect(JSON.stringify(r)).not.toMatch(/5[АБ]|T\d\d:/);
    for (const s of sent) expect(JSON.stringify(r)).not.toContain(keyId(s.key));
  }
  // The classes: one count per link, nothing else.
  const counts = await mera.store.collection(linkAnswersCollection).find({ campaignId: id });
  for (const c of counts) expect(Object.keys(c).sort()).toEqual(['_id', 'answers', 'campaignId']);
  expect(counts.map((c) => c.answers).sort()).toEqual([1, 2]);
});

test('a key left pending by a process that died is taken over by the retry after the lease: the answer is stored once', async () => {
  const [a] = schoolIds;
  const { id, tokens } = await campaignWithLinks(mera, 'parent-survey', [a]);
  const key = crypto.randomUUID();
  // What a process that died between taking the key and storing the answer leaves behind.
  const start = nowMs();
  await mera.store.collection(submissionKeysCollection).insertOne({
    _id: keyId(key),
    day: new Date(Math.floor(start / 86_400_000) * 86_400_000),
    state: 'pending',
    leaseUntil: new Date(start + leaseSeconds * 1000),
  });
  // The device retries after the lease: the key is taken over and the answer stored.
  restoreClock = setClock(new Date(start + (leaseSeconds + 1) * 1000));
  const retry = await request(mera.app)
    .post(`/api/links/${tokens.get(a)}/responses`)
    .set('Idempotency-Key', key)
    .send({ answers: parentRated(5) })
    .expect(201);
  expect(retry.body.repeated).toBeUndefined();
  expect(await mera.store.collection(responsesCollection).countDocuments({ campaignId: id })).toBe(1);
  // Stored: the lease (a finer time than the day) is gone; a further retry stores nothing again.
  expect(Object.keys((await mera.store.collection(submissionKeysCollection).findOne({ _id: keyId(key) }))!).sort()).toEqual([
    '_id',
    'day',
    'state',
  ]);
  const again = await request(mera.app)
    .post(`/api/links/${tokens.get(a)}/responses`)
    .set('Idempotency-Key', key)
    .send({ answers: parentRated(5) })
    .expect(201);
  expect(again.body.repeated).toBe(true);
  expect(await mera.store.collection(responsesCollection).countDocuments({ campaignId: id })).toBe(1);
});
