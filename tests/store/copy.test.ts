// Moving to MongoDB copies every collection through the port (npm run migrate -- --to-mongodb). The
// copy is engine-independent, so it is tested here between two embedded stores; on MongoDB the
// target's port is the one the contract suite checks.
import path from 'node:path';
import { copyCollections } from '../../server/store/copy';
import { openEmbeddedStore } from '../../server/store/embedded';
import { CollectionSpec, defineCollection, Mixed } from '../../server/store/port';
import { useTempDir } from '../support/temp-dir';

interface Entry {
  _id: string;
  code: string;
  at?: Date;
  data?: unknown;
}

const entries = defineCollection<Entry>('entries', { code: { type: String, required: true }, at: { type: Date }, data: { type: Mixed } }, [
  { fields: { code: 1 }, unique: true },
]);
const others = defineCollection<Entry>('others', { code: { type: String, required: true } });
const specs = [entries, others] as CollectionSpec<unknown>[];

describe('copying a store into another', () => {
  const dir = useTempDir('mera-copy-');

  it('copies every document, dates and nested values included, in batches; refuses a target that is not empty', async () => {
    const from = await openEmbeddedStore({ dataDir: path.join(dir(), 'from'), collections: specs });
    const to = await openEmbeddedStore({ dataDir: path.join(dir(), 'to'), collections: specs });
    try {
      const written = await from.collection(entries).insertMany(
        Array.from({ length: 2_345 }, (_, i) => ({
          code: `c${i}`,
          at: new Date(Date.UTC(2026, 10, 1 + (i % 28))),
          data: { n: i, list: [i, 'x'] },
        })),
      );
      await from.collection(others).insertOne({ code: 'only' });
      expect(await copyCollections(from, to, specs)).toEqual({ entries: 2_345, others: 1 });
      const copied = await to.collection(entries).find({}, { sort: { _id: 1 } });
      expect(copied).toEqual([...written].sort((a, b) => (a._id < b._id ? -1 : 1)));
      await expect(copyCollections(from, to, specs)).rejects.toThrow(/not empty/);
    } finally {
      await from.close();
      await to.close();
    }
  });
});
