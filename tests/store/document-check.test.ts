// The embedded engine's document check is mongoose's own, through its public API: what it stores
// and what it refuses are what a mongoose Document makes of the same input. And nothing in server/
// reaches into another package's private parts.
import fs from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { checkFor } from '../../server/store/document-check';
import { defineCollection, Mixed } from '../../server/store/port';

const varied = defineCollection('varied', {
  name: { type: String, required: true, minlength: 2 },
  kind: { type: String, enum: ['parent', 'teacher'] },
  score: { type: Number, min: 0 },
  active: { type: Boolean, default: true },
  at: { type: Date },
  answers: { type: Mixed },
});
const model = mongoose.createConnection().model('varied', varied.schema) as unknown as mongoose.Model<unknown>;
const check = checkFor(model);

describe('document check', () => {
  it('casts, fills defaults and the _id, and keeps the schema order (defaults from functions last, as mongoose does)', async () => {
    const checked = await check({ score: '7', name: 'ann', at: '2026-11-23T10:00:00Z', answers: { q: [1, { a: null }] } });
    expect(Object.keys(checked)).toEqual(['name', 'score', 'active', 'at', 'answers', '_id']);
    expect(checked).toMatchObject({ name: 'ann', score: 7, active: true, answers: { q: [1, { a: null }] } });
    expect(checked.at).toEqual(new Date('2026-11-23T10:00:00Z'));
    expect(checked._id).toMatch(/^[0-9a-f]{24}$/);
  });

  it('copies Mixed values: changing the input afterwards changes nothing checked', async () => {
    const answers = { q: { deep: 1 } };
    const checked = await check({ name: 'ann', answers });
    answers.q.deep = 2;
    expect(checked.answers).toEqual({ q: { deep: 1 } });
  });

  it('refuses what mongoose refuses, with its errors: a validator, a cast, an unknown field', async () => {
    await expect(check({ name: 'a' })).rejects.toThrow(mongoose.Error.ValidationError);
    await expect(check({ name: 'ann', score: -1 })).rejects.toThrow(/score/);
    await expect(check({ name: 'ann', score: 'many' })).rejects.toThrow(/score/);
    await expect(check({ name: 'ann', kind: 'nobody' })).rejects.toThrow(/kind/);
    await expect(check({ name: 'ann', colour: 'red' })).rejects.toThrow(mongoose.Error.StrictModeError);
  });
});

describe('no library internals in server/', () => {
  /** Names of private members the NeDB engine used to read or replace, and mongoose's internals. */
  const internals = [
    '_pres',
    '_posts',
    'doValidateSync',
    'validateSync',
    '_prepareDocumentForInsertion',
    'persistNewStateAsync',
    'checkObject',
    '@seald-io/nedb',
  ];

  it('no file in server/ names them', () => {
    const root = path.resolve(__dirname, '../../server');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const found = files.flatMap((file) => {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      return internals.filter((name) => text.includes(name)).map((name) => `${file}: ${name}`);
    });
    expect(found).toEqual([]);
  });
});
