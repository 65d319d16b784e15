// Upgrading a data dir written by the NeDB engine (Mera before SQLite): one <collection>.db file per
// collection, one JSON document per line, appended as writes came. A later line for the same _id
// replaces the earlier one, {"$$deleted": true, "_id": ...} removes it, and index lines
// ({"$$indexCreated": ...}, {"$$indexRemoved": ...}) say nothing about the documents. Dates are
// {"$$date": <milliseconds>}, the form the SQLite engine keeps too.
//
// The import runs when the store opens a data dir that has NeDB files and no SQLite database yet
// (or from `npm run migrate`). It builds the database under a temporary name and renames it into
// place, so a crash half-way leaves the NeDB files as the truth and the next start imports again.
// The NeDB files are then moved, never deleted, into nedb-before-sqlite/ inside the data dir.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { fromJson, toJson } from './json';

type Doc = Record<string, unknown> & { _id: string };

export const keptAsideDir = 'nedb-before-sqlite';

/** The NeDB files directly in the data dir: <collection>.db. */
function nedbFiles(dataDir: string): string[] {
  if (!fs.existsSync(dataDir)) return [];
  return fs
    .readdirSync(dataDir)
    .filter((name) => /^[A-Za-z0-9_-]+\.db$/.test(name) && fs.statSync(path.join(dataDir, name)).isFile())
    .sort();
}

/**
 * The documents a NeDB file holds now, in no particular order. A line that cannot be read (the
 * half-written last line of a write cut by a crash, never acknowledged) is skipped and counted.
 */
export function readNedbFile(file: string): { docs: Doc[]; skipped: number } {
  const byId = new Map<string, Doc>();
  let skipped = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let doc: Doc & { $$deleted?: unknown; $$indexCreated?: unknown; $$indexRemoved?: unknown };
    try {
      doc = fromJson(line);
    } catch {
      skipped++;
      continue;
    }
    if (doc.$$indexCreated !== undefined || doc.$$indexRemoved !== undefined) continue;
    if (typeof doc._id !== 'string') {
      skipped++;
      continue;
    }
    if (doc.$$deleted === true) byId.delete(doc._id);
    else byId.set(doc._id, doc);
  }
  return { docs: [...byId.values()], skipped };
}

/** Creates a collection's table (the SQLite engine's layout: the random _id as key, the document as JSON). */
export function createTable(db: Database.Database, collection: string): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${quoteName(collection)} (_id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID`);
}

export function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Moves the NeDB files into nedb-before-sqlite/ (nedb-before-sqlite-2/... if that is taken). */
function keepAside(dataDir: string, files: string[]): string {
  let target = path.join(dataDir, keptAsideDir);
  for (let n = 2; fs.existsSync(target); n++) target = path.join(dataDir, `${keptAsideDir}-${n}`);
  fs.mkdirSync(target);
  for (const file of files) fs.renameSync(path.join(dataDir, file), path.join(target, file));
  return target;
}

/**
 * Imports the NeDB files of dataDir into databaseFile, which must not exist yet; then keeps the
 * files aside. Returns what it did, for the log; nothing when there was nothing to import.
 */
export function importNedb(dataDir: string, databaseFile: string, log: (message: string) => void): void {
  const files = nedbFiles(dataDir);
  if (files.length === 0) return;
  if (fs.existsSync(databaseFile)) {
    // Imported by a start that stopped before it could move them: the database has them already.
    log(`embedded store: NeDB files beside the SQLite database were imported before; moved to ${keepAside(dataDir, files)}`);
    return;
  }
  const temporary = `${databaseFile}.importing`;
  fs.rmSync(temporary, { force: true });
  const db = new Database(temporary);
  const counts: string[] = [];
  try {
    db.transaction(() => {
      for (const file of files) {
        const collection = file.slice(0, -'.db'.length);
        const { docs, skipped } = readNedbFile(path.join(dataDir, file));
        createTable(db, collection);
        const insert = db.prepare(`INSERT INTO ${quoteName(collection)} (_id, doc) VALUES (?, ?)`);
        for (const doc of docs) insert.run(doc._id, toJson(doc));
        counts.push(`${collection} ${docs.length}${skipped ? ` (${skipped} unreadable line(s) skipped)` : ''}`);
      }
    })();
  } finally {
    db.close();
  }
  const fd = fs.openSync(temporary, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(temporary, databaseFile);
  const aside = keepAside(dataDir, files);
  log(`embedded store: imported the NeDB files into ${databaseFile}: ${counts.join(', ')}; the NeDB files are kept in ${aside}`);
}
