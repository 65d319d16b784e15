// Large data sets for the benchmarks, written straight into the embedded engine's tables: through
// the store each document would be validated by mongoose, minutes at a million. The rows are
// exactly what the engine writes (its table layout, its JSON); the store must have been opened
// on the data dir once, so the tables and indexes exist, and must be closed meanwhile.
import Database from 'better-sqlite3';
import path from 'node:path';
import { databaseFileName } from '../../server/store/embedded';
import { toJson } from '../../server/store/json';

const rowsPerTransaction = 50_000;

/** Inserts the documents made by make(0..count-1) into the collection's table, in big transactions. */
export function insertRowsDirectly(dataDir: string, collection: string, count: number, make: (i: number) => { _id: string }): void {
  const db = new Database(path.join(dataDir, databaseFileName));
  try {
    // A larger page cache for the inserts (rows land at random places: the ids are random).
    db.pragma('cache_size = -262144');
    const insert = db.prepare(`INSERT INTO "${collection}" (_id, doc) VALUES (?, ?)`);
    const insertRange = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const doc = make(i);
        insert.run(doc._id, toJson(doc));
      }
    });
    for (let from = 0; from < count; from += rowsPerTransaction) insertRange(from, Math.min(count, from + rowsPerTransaction));
  } finally {
    db.close();
  }
}
