// The hook by which the responses component tells the components above it that a response was kept
// (analytics subscribes to keep its rollups), on a real embedded store: each subscriber hears of
// each response once, and one that fails is logged with what to do while the answer stays stored.
import { responseCollections, responsesCollection, type StoredResponse } from '../../server/responses/data';
import { onResponseKept } from '../../server/responses/hooks';
import { keepResponse } from '../../server/responses/keep';
import { openStore, type Store } from '../../server/store';
import { useTempDir } from '../support/temp-dir';

const dir = useTempDir('mera-response-hooks-');
let store: Store;
beforeEach(async () => {
  store = await openStore({ engine: 'embedded' }, dir(), responseCollections);
});
afterEach(() => store.close());

const answer = (campaignId: string): Omit<StoredResponse, '_id'> => ({
  campaignId,
  schoolId: 'school-1',
  instrumentId: 'parent-survey',
  instrumentVersion: 1,
  respondentType: 'parent',
  day: '2026-11-23',
  answers: { q1: 'yes' },
});

test('a kept response is announced once to each subscriber, even when start-up subscribed it twice', async () => {
  const heard: string[] = [];
  const subscription = {
    name: 'A counter',
    recovery: 'count again',
    listener: async (_store: Store, response: StoredResponse) => void heard.push(response._id),
  };
  onResponseKept(subscription);
  onResponseKept(subscription);
  const kept = await keepResponse(store, answer('twice'));
  expect(heard).toEqual([kept._id]);
});

test('a subscriber that fails is logged with what to do; the answer stays stored and the next subscriber still hears of it', async () => {
  const logged: unknown[][] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
  const heard: string[] = [];
  onResponseKept({
    name: 'A failing counter',
    recovery: 'run the recount',
    listener: async () => {
      throw new Error('store hiccup');
    },
  });
  onResponseKept({ name: 'A later counter', recovery: 'count again', listener: async (_s, r) => void heard.push(r.campaignId) });
  try {
    const kept = await keepResponse(store, answer('failing'));
    expect(await store.collection(responsesCollection).findOne({ _id: kept._id })).toMatchObject({ campaignId: 'failing' });
    expect(heard).toContain('failing');
    expect(logged).toHaveLength(1);
    expect(logged[0][0]).toBe(`A failing counter missed response ${kept._id} of campaign failing; run the recount.`);
  } finally {
    spy.mockRestore();
  }
});
