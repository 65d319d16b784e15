// The embedded engine when a write cannot be saved (disk full, file gone): the callers are told,
// the collection takes no more writes (its memory is ahead of its file), health says so, and a
// restart loads exactly the acknowledged writes. The failure is real: the collection's file is
// replaced by a directory, so appending to it fails with EISDIR.
import fs from 'node:fs';
import path from 'node:path';
import { openEmbeddedStore } from '../../server/store/embedded';
import { defineCollection, Store } from '../../server/store/port';
import { useTempDir } from '../support/temp-dir';

interface Note {
  _id: string;
  text: string;
}

const notes = defineCollection<Note>('notes', { text: { type: String, required: true } });
const others = defineCollection<Note>('others', { text: { type: String, required: true } });

describe('embedded engine: a write that cannot be saved', () => {
  const dataDir = useTempDir('mera-write-failure-');
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  const open = async () => (store = await openEmbeddedStore({ dataDir: dataDir(), collections: [notes, others] }));
  const notesFile = () => path.join(dataDir(), 'notes.db');

  /** Takes the collection's file away (a directory in its place), and gives it back. */
  function breakTheFile(): () => void {
    fs.renameSync(notesFile(), `${notesFile()}.kept`);
    fs.mkdirSync(notesFile());
    return () => {
      fs.rmdirSync(notesFile());
      fs.renameSync(`${notesFile()}.kept`, notesFile());
    };
  }

  it('fails the inserts waiting for it, stops later writes, reports it in status, and a restart has every acknowledged write', async () => {
    const opened = await open();
    const collection = opened.collection(notes);
    const acknowledged = await Promise.all(['one', 'two', 'three'].map((text) => collection.insertOne({ text })));

    const repair = breakTheFile();
    const batch = await Promise.allSettled(['four', 'five', 'six'].map((text) => collection.insertOne({ text })));
    expect(batch.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String((batch[0] as PromiseRejectedResult).reason)).toMatch(/could not append to .*notes\.db/);

    // Memory is ahead of the file now: no more writes of any kind until a restart.
    await expect(collection.insertOne({ text: 'seven' })).rejects.toThrow(/writes are stopped .* Restart Mera/);
    await expect(collection.updateMany({}, { $set: { text: 'changed' } })).rejects.toThrow(/writes are stopped/);
    await expect(collection.deleteMany({})).rejects.toThrow(/writes are stopped/);
    expect(await opened.status()).toMatchObject({
      engine: 'embedded',
      reachable: false,
      detail: expect.stringMatching(/writes stopped: could not append/),
    });
    // Other collections go on.
    await expect(opened.collection(others).insertOne({ text: 'elsewhere' })).resolves.toMatchObject({ text: 'elsewhere' });

    await opened.close();
    repair();
    const reopened = await open();
    expect(await reopened.status()).toMatchObject({ reachable: true });
    const stored = await reopened.collection(notes).find({}, { sort: { text: 1 } });
    expect(stored).toEqual([...acknowledged].sort((a, b) => a.text.localeCompare(b.text)));
    expect(await reopened.collection(notes).insertOne({ text: 'after the restart' })).toMatchObject({ text: 'after the restart' });
  });

  it('an update that cannot be saved fails and stops writes; the restart has the value from before it', async () => {
    const opened = await open();
    const collection = opened.collection(notes);
    const note = await collection.insertOne({ text: 'before' });
    const repair = breakTheFile();
    await expect(collection.updateOne({ _id: note._id }, { $set: { text: 'after' } })).rejects.toThrow(/could not append/);
    await expect(collection.insertOne({ text: 'more' })).rejects.toThrow(/writes are stopped/);
    await opened.close();
    repair();
    const reopened = await open();
    expect(await reopened.collection(notes).find({})).toEqual([note]);
  });
});
