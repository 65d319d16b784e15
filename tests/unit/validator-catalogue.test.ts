// The catalogue's compiled validators: built-ins compiled when their files are read at start-up,
// uploads when they are checked, and a version first used after a restart compiled in slices
// that let other work in. Real embedded stores on temp dirs, reopened to stand for a restart.
import path from 'node:path';
import { allCollections } from '../../server/collections';
import { openEmbeddedStore } from '../../server/store/embedded';
import type { Store } from '../../server/store';
import { getInstrument, listInstruments, registerBuiltinInstruments, uploadInstrument } from '../../server/surveys/catalogue';
import { instrumentsCollection } from '../../server/surveys/data';
import { readInstrumentFiles } from '../../server/surveys/files';
import { useTempDir } from '../support/temp-dir';

const builtins = readInstrumentFiles(path.join(__dirname, '../../surveys'));
const dir = useTempDir('mera-catalogue-');
const open = () => openEmbeddedStore({ dataDir: dir(), collections: allCollections });

/** An upload of `count` questions, each shown by a condition on the one before. */
function largeUpload(id: string, count: number) {
  const elements = Array.from({ length: count }, (_, i) =>
    i % 2
      ? { type: 'comment', name: `q${i}`, title: `Почему? ${i}`, visibleIf: `{q${i - 1}} = 1 or {q${i - 1}} = 2` }
      : {
          type: 'radiogroup',
          name: `q${i}`,
          title: `Вопрос ${i}`,
          choices: [1, 2, 3, 4, 5],
          ...(i ? { visibleIf: `{q${i - 2}} notempty` } : {}),
        },
  );
  return { id, respondentType: 'teacher', anonymous: false, survey: { title: 'Большая анкета', pages: [{ name: 'p1', elements }] } };
}

/** Runs `work` and counts the turns of the event loop other work got while it ran. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let finished = false;
  const tick = () => {
    if (finished) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const result = await work();
  finished = true;
  return { result, turns };
}

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

test('built-in instruments are compiled at start-up: their first use returns what reading the files compiled', async () => {
  store = await open();
  await registerBuiltinInstruments(store, builtins);
  for (const compiled of builtins) {
    await expect(getInstrument(store, compiled.instrument.id, compiled.instrument.version)).resolves.toBe(compiled);
  }
  // After a restart on the same data, registering finds them stored and still uses the start-up compile.
  await store.close();
  store = await open();
  await registerBuiltinInstruments(store, builtins);
  await expect(getInstrument(store, builtins[0].instrument.id, builtins[0].instrument.version)).resolves.toBe(builtins[0]);
});

test('an upload is used as it was compiled by its checks; after a restart its first use is compiled once, in slices that let other work in', async () => {
  store = await open();
  const uploaded = await uploadInstrument(store, largeUpload('large-upload', 400));
  expect(uploaded).toMatchObject({ id: 'large-upload', version: 1, created: true });
  const first = await getInstrument(store, 'large-upload', 1);
  expect(first.questions.questions.size).toBe(400);

  await store.close();
  store = await open();
  const [one, two] = await Promise.all([getInstrument(store, 'large-upload', 1), getInstrument(store, 'large-upload', 1)]);
  expect(one).toBe(two);
  await store.close();
  store = await open();
  // Compiled over several turns: the expressions in slices, then each phase of the checks in a turn of its own.
  const { result: again, turns } = await turnsDuring(() => getInstrument(store!, 'large-upload', 1));
  expect(turns).toBeGreaterThanOrEqual(4);
  expect(again.questions.questions.size).toBe(400);
  expect(again.instrument).toEqual(first.instrument);
});

test('an upload is stored as JSON text, and a version stored as a document by an earlier Mera is still listed and used', async () => {
  store = await open();
  await uploadInstrument(store, largeUpload('text-kept', 4));
  const record = await store.collection(instrumentsCollection).findOne({ instrumentId: 'text-kept' });
  expect(typeof record?.definitionText).toBe('string');
  expect(record?.definition).toBeUndefined();

  const [parent] = builtins.filter((b) => b.instrument.id === 'parent-survey');
  const earlier = { ...parent.instrument, id: 'earlier-parent', collectsContact: false };
  await store.collection(instrumentsCollection).insertOne({
    instrumentId: earlier.id,
    version: earlier.version,
    respondentType: earlier.respondentType,
    anonymous: earlier.anonymous,
    title: earlier.title,
    definition: earlier,
    contentHash: 'stored-before',
    source: 'builtin',
    addedAt: new Date(),
  });
  const listed = (await listInstruments(store)).find((i) => i.id === 'earlier-parent');
  expect(listed).toMatchObject({
    id: 'earlier-parent',
    version: earlier.version,
    anonymous: true,
    scored: false,
    source: 'builtin',
    title: earlier.title,
  });
  const compiled = await getInstrument(store, 'earlier-parent');
  expect([...compiled.questions.questions.keys()]).toEqual([...parent.questions.questions.keys()]);
});
