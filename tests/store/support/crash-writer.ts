// Child process of tests/store/crash.test.ts: opens the embedded store on the data dir given as
// argv[2] and inserts responses as fast as it can from WRITERS concurrent loops (so inserts meet
// in batches, as submissions do under load), printing each acknowledged _id on its own line
// (written only after that insert's promise resolved). It runs until it is killed.
// Usage: node --import tsx tests/store/support/crash-writer.ts <dataDir> <round>
import { openEmbeddedStore } from '../../../server/store/embedded';
import { crashResponses, WRITERS } from './crash-collection';

async function main(): Promise<void> {
  const [dataDir, roundArg = '0'] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: crash-writer.ts <dataDir> [round]');
  const round = Number(roundArg);
  const store = await openEmbeddedStore({
    dataDir,
    collections: [crashResponses],
    log: (message) => process.stderr.write(`${message}\n`),
  });
  const responses = store.collection(crashResponses);
  let next = 0;
  const writer = async () => {
    for (;;) {
      const seq = next++;
      const doc = await responses.insertOne({
        campaignId: `camp-${seq % 3}`,
        schoolId: `school-${seq % 7}`,
        round,
        seq,
        day: '2024-09-01',
        answers: { q1: seq % 5, q2: 'x'.repeat(seq % 50), q3: ['a', 'b'] },
      });
      // stdout to a pipe is synchronous on Linux: once this returns the line is in the parent's pipe.
      process.stdout.write(`${doc._id}\n`);
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
}

main().catch((err: unknown) => {
  process.stderr.write(`crash-writer failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
