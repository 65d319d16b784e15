// Upgrading a data dir written by the NeDB engine: the first start (or npm run migrate) imports it
// into SQLite and keeps the NeDB files aside, untouched. The fixture was written by main's NeDB
// engine (tests/store/fixtures/README.md says how): later lines replace earlier ones, a $$deleted
// line removes a document, dates are {"$$date": ...}.
import fs from 'node:fs';
import path from 'node:path';
import { allCollections } from '../../server/collections';
import { campaignsCollection } from '../../server/campaigns/data';
import { responsesCollection } from '../../server/responses/data';
import { schoolsCollection } from '../../server/schools/data';
import { databaseFileName, openEmbeddedStore } from '../../server/store/embedded';
import { keptAsideDir, readNedbFile } from '../../server/store/nedb-import';
import { DuplicateKeyError } from '../../server/store/port';
import { settingsCollection } from '../../server/system/settings';
import { useTempDir } from '../support/temp-dir';

const fixture = path.join(__dirname, 'fixtures', 'nedb-data');
const fixtureFiles = fs.readdirSync(fixture).filter((f) => f.endsWith('.db'));
const isDate = (value: unknown) => Object.prototype.toString.call(value) === '[object Date]';

describe('importing a NeDB data dir', () => {
  const dir = useTempDir('mera-nedb-import-');

  const copyFixture = () => {
    for (const file of fixtureFiles) fs.copyFileSync(path.join(fixture, file), path.join(dir(), file));
    return dir();
  };

  it('imports every document as it last was on first start, and keeps the NeDB files aside unchanged', async () => {
    const dataDir = copyFixture();
    const logged: string[] = [];
    const store = await openEmbeddedStore({ dataDir, collections: allCollections, log: (m) => logged.push(m) });
    try {
      expect(logged.join('\n')).toMatch(/imported the NeDB files .*responses 19/);
      const schools = await store.collection(schoolsCollection).find({});
      expect(schools).toHaveLength(9);
      // The school renamed after it was written: its later line won.
      expect(schools.filter((s) => /\(переименована\)$/.test(s.name.default))).toHaveLength(1);
      // The deleted response is gone; the 19 others are there, whole.
      const responses = await store.collection(responsesCollection).find({});
      expect(responses).toHaveLength(19);
      expect(responses.some((r) => r._id === '32622bae039bbfa14f7f748e')).toBe(false);
      expect(Object.keys(responses[0].answers).length).toBeGreaterThan(5);
      // Dates come back as dates.
      const campaigns = await store.collection(campaignsCollection).find({});
      expect(campaigns.length).toBeGreaterThan(0);
      expect(campaigns.every((c) => isDate(c.createdAt) && isDate(c.opensAt))).toBe(true);
      expect(await store.collection(settingsCollection).countDocuments()).toBe(1);
      // Indexes hold on the imported documents: a school number is unique.
      await expect(store.collection(schoolsCollection).insertOne({ ...schools[0], _id: undefined })).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
    } finally {
      await store.close();
    }
    expect(fs.existsSync(path.join(dataDir, databaseFileName))).toBe(true);
    expect(fs.readdirSync(dataDir).filter((f) => f.endsWith('.db'))).toEqual([]);
    for (const file of fixtureFiles) {
      expect(fs.readFileSync(path.join(dataDir, keptAsideDir, file))).toEqual(fs.readFileSync(path.join(fixture, file)));
    }
  });

  it('imports once: the next start opens the SQLite database and imports nothing', async () => {
    const dataDir = copyFixture();
    await (await openEmbeddedStore({ dataDir, collections: allCollections })).close();
    const logged: string[] = [];
    const store = await openEmbeddedStore({ dataDir, collections: allCollections, log: (m) => logged.push(m) });
    try {
      expect(logged).toEqual([]);
      expect(await store.collection(responsesCollection).countDocuments()).toBe(19);
    } finally {
      await store.close();
    }
  });

  it("skips the half-written last line a crash leaves, and reads a document's last state", () => {
    const file = path.join(dir(), 'items.db');
    const lines = [
      '{"$$indexCreated":{"fieldName":"code","unique":true}}',
      '{"_id":"a","code":"k1","at":{"$$date":1700000000000}}',
      '{"_id":"b","code":"k2"}',
      '{"_id":"a","code":"k1b","at":{"$$date":1700000000000}}',
      '{"$$deleted":true,"_id":"b"}',
      '{"_id":"c","co',
    ];
    fs.writeFileSync(file, lines.join('\n'));
    const { docs, skipped } = readNedbFile(file);
    expect(skipped).toBe(1);
    expect(docs).toEqual([{ _id: 'a', code: 'k1b', at: new Date(1700000000000) }]);
  });
});
