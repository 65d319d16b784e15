// Backup and restore of the embedded engine's database: the backup is taken while the store is open
// and writing (as while Mera runs), once through `npm run backup`'s own command; the restore is
// refused while the store is open, and once it is closed puts back exactly what the backup held.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { responseCollections, responsesCollection } from '../../server/responses/data';
import { backupDatabase, restoreDatabase } from '../../server/store/backup';
import { databaseFileName, openEmbeddedStore } from '../../server/store/embedded';
import { useTempDir } from '../support/temp-dir';

const ROOT = path.resolve(__dirname, '../..');
const response = (day: string) => ({
  campaignId: 'c1',
  schoolId: 's1',
  instrumentId: 'i1',
  instrumentVersion: 1,
  respondentType: 'teacher',
  day,
  answers: { q1: 3, q2: 'да' },
});

describe('backup and restore', () => {
  const dir = useTempDir('mera-backup-');

  it('a response written before the backup is there after the restore; one written after it is not', async () => {
    const dataDir = path.join(dir(), 'data');
    const backupFile = path.join(dir(), 'mera-backup.sqlite');
    const store = await openEmbeddedStore({ dataDir, collections: responseCollections });
    const responses = store.collection(responsesCollection);
    const before = await responses.insertOne(response('2026-11-02'));
    // Writes go on while the backup is taken.
    const during = Promise.all(Array.from({ length: 50 }, (_, i) => responses.insertOne(response(`2026-11-${10 + (i % 10)}`))));
    await backupDatabase(dataDir, backupFile);
    await during;
    const after = await responses.insertOne(response('2026-11-03'));

    expect(() => restoreDatabase(dataDir, backupFile)).toThrow(/stop it before restoring/);
    await store.close();

    const { keptAside } = restoreDatabase(dataDir, backupFile);
    const reopened = await openEmbeddedStore({ dataDir, collections: responseCollections });
    try {
      const restored = reopened.collection(responsesCollection);
      expect(await restored.findOne({ _id: before._id })).toEqual(before);
      expect(await restored.findOne({ _id: after._id })).toBeNull();
    } finally {
      await reopened.close();
    }
    // The database the restore replaced is kept, with the response written after the backup.
    expect(keptAside).toBeDefined();
    const kept = await openEmbeddedStore({ dataDir: keptAside!, collections: responseCollections });
    try {
      expect(await kept.collection(responsesCollection).findOne({ _id: after._id })).toEqual(after);
    } finally {
      await kept.close();
    }
  });

  it('npm run backup copies the database of a running store; restore refuses a file that is not a database', async () => {
    const dataDir = path.join(dir(), 'data');
    const backupFile = path.join(dir(), 'copy.sqlite');
    const store = await openEmbeddedStore({ dataDir, collections: responseCollections });
    try {
      const written = await store.collection(responsesCollection).insertOne(response('2026-11-04'));
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'server/store/operations-cli.ts', 'backup', backupFile],
        {
          cwd: ROOT,
          env: { ...process.env, MERA_DATA_DIR: dataDir, MONGODB_URI: '' },
        },
      );
      expect(stdout).toMatch(/Backed up/);
      const copy = await openEmbeddedStore({ dataDir: path.join(dir(), 'copy'), collections: responseCollections });
      await copy.close();
      fs.copyFileSync(backupFile, path.join(dir(), 'copy', databaseFileName));
      const opened = await openEmbeddedStore({ dataDir: path.join(dir(), 'copy'), collections: responseCollections });
      try {
        expect(await opened.collection(responsesCollection).findOne({ _id: written._id })).toEqual(written);
      } finally {
        await opened.close();
      }
    } finally {
      await store.close();
    }
    const notADatabase = path.join(dir(), 'notes.txt');
    fs.writeFileSync(notADatabase, 'hello');
    expect(() => restoreDatabase(path.join(dir(), 'elsewhere'), notADatabase)).toThrow();
  }, 60_000);
});
