// The embedded engine when a write cannot be saved. The failure is SQLite's own "database or disk is
// full" (SQLITE_FULL), reached through a size limit on the database (max_page_count) rather than a
// full file system: the caller is refused with 503's StoreUnavailableError, nothing of the write is
// kept, health says so while writes fail, and the store goes on once they succeed again.
import { openEmbeddedStore } from '../../server/store/embedded';
import { defineCollection, Mixed, Store, StoreUnavailableError } from '../../server/store/port';
import { useTempDir } from '../support/temp-dir';

interface Note {
  _id: string;
  text: string;
  blob?: unknown;
}

const notes = defineCollection<Note>('notes', { text: { type: String, required: true }, blob: { type: Mixed } });

describe('embedded engine: a write that cannot be saved', () => {
  const dataDir = useTempDir('mera-write-failure-');
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  /** A database that holds a few small notes but not a big one. */
  const open = async (maxPageCount?: number) =>
    (store = await openEmbeddedStore({ dataDir: dataDir(), collections: [notes], maxPageCount }));
  const big = () => ({ text: 'big', blob: 'x'.repeat(400_000) });

  it('refuses the write as unavailable, keeps nothing of it, reports it in status until a write succeeds again', async () => {
    const opened = await open(40);
    const collection = opened.collection(notes);
    const acknowledged = await Promise.all(['one', 'two', 'three'].map((text) => collection.insertOne({ text })));

    const refused = await collection.insertOne(big()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreUnavailableError);
    expect(String((refused as StoreUnavailableError).cause)).toMatch(/full/);
    expect(await opened.status()).toMatchObject({
      engine: 'embedded',
      reachable: false,
      detail: expect.stringMatching(/writes fail: .*full/),
    });
    await expect(collection.insertMany([{ text: 'small' }, big()])).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(collection.updateMany({}, { $set: { blob: 'y'.repeat(400_000) } })).rejects.toBeInstanceOf(StoreUnavailableError);
    // Nothing of the refused writes is kept (insertMany's small note neither: one transaction).
    expect(await collection.find({}, { sort: { text: 1 } })).toEqual([...acknowledged].sort((a, b) => a.text.localeCompare(b.text)));
    expect(await opened.status()).toMatchObject({ reachable: false });

    // A write that fits goes through (the store never stopped), and health is green again.
    await expect(collection.insertOne({ text: 'four' })).resolves.toMatchObject({ text: 'four' });
    expect(await collection.countDocuments()).toBe(4);
    expect(await opened.status()).toMatchObject({ engine: 'embedded', reachable: true });
  });

  it('a refused write is the problem storage.unavailable, which the API answers with 503', async () => {
    const opened = await open(40);
    const err = await opened
      .collection(notes)
      .insertOne(big())
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'storage.unavailable', status: 503 });
  });
});
