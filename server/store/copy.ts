// Copies a store's collections into another, empty one: moving from the embedded engine to MongoDB
// (npm run migrate -- --to-mongodb <uri>). Engine-independent: it reads through one store's port and
// writes through the other's, in ordered batches; expired documents are not copied.
import type { CollectionSpec, Store } from './port';

const batchSize = 1_000;

/** The number of documents copied per collection; refuses a target collection that holds documents. */
export async function copyCollections(
  from: Store,
  to: Store,
  collections: CollectionSpec<unknown>[],
  log: (message: string) => void = () => undefined,
): Promise<Record<string, number>> {
  for (const spec of collections) {
    if ((await to.collection(spec).countDocuments({})) > 0) throw new Error(`The target's collection ${spec.name} is not empty.`);
  }
  const copied: Record<string, number> = {};
  for (const spec of collections) {
    const target = to.collection(spec);
    let batch: unknown[] = [];
    let count = 0;
    for await (const doc of from.collection(spec).stream({}, { batchSize })) {
      batch.push(doc);
      if (batch.length === batchSize) {
        count += (await target.insertMany(batch as never[])).length;
        batch = [];
      }
    }
    if (batch.length) count += (await target.insertMany(batch as never[])).length;
    copied[spec.name] = count;
    log(`copied ${spec.name}: ${count}`);
  }
  return copied;
}
