// Backups of the embedded engine's database. A backup is SQLite's online backup: a consistent copy
// taken page by page while Mera keeps running (it reads through its own connection, so Mera's
// writes go on). A restore puts a copy back while Mera is stopped, keeping the database it replaces.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { databaseFileName } from './embedded';
import { acquireLock, lockHolder } from './lock';

/** Copies the data dir's database into target (a new file), consistent as of one moment. */
export async function backupDatabase(dataDir: string, target: string): Promise<{ bytes: number }> {
  const file = path.join(dataDir, databaseFileName);
  if (!fs.existsSync(file)) throw new Error(`There is no database to back up at ${file}.`);
  if (fs.existsSync(target)) throw new Error(`${target} exists already: give the backup a new file name.`);
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const db = new Database(file, { fileMustExist: true });
  try {
    // All pages in one step, as of one moment: stepping a hundred pages at a time (the default)
    // starts again whenever Mera writes in between, which on a busy day could be never-ending.
    await db.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  fs.renameSync(partial, target);
  return { bytes: fs.statSync(target).size };
}

/** The first folder name free of dir/base, dir/base-2, ... */
function freeName(dir: string, base: string): string {
  let candidate = path.join(dir, base);
  for (let n = 2; fs.existsSync(candidate); n++) candidate = path.join(dir, `${base}-${n}`);
  return candidate;
}

/**
 * Puts a backup back as the data dir's database. Refused while a process holds the data dir (Mera
 * runs) and for a file that is not a sound SQLite database. The database it replaces (with its WAL)
 * is moved into before-restore/ in the data dir, never deleted. Returns where it went, if anywhere.
 */
export function restoreDatabase(dataDir: string, source: string): { keptAside?: string } {
  const holder = lockHolder(dataDir);
  if (holder !== undefined) throw new Error(`Mera (process ${holder}) is using ${dataDir}: stop it before restoring.`);
  const check = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const verdict = check.pragma('integrity_check', { simple: true });
    if (verdict !== 'ok') throw new Error(`${source} is not a sound database (integrity check: ${String(verdict)}).`);
  } finally {
    check.close();
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const releaseLock = acquireLock(dataDir);
  try {
    const file = path.join(dataDir, databaseFileName);
    let keptAside: string | undefined;
    const current = [file, `${file}-wal`, `${file}-shm`].filter((f) => fs.existsSync(f));
    if (current.length) {
      keptAside = freeName(dataDir, 'before-restore');
      fs.mkdirSync(keptAside);
      for (const f of current) fs.renameSync(f, path.join(keptAside, path.basename(f)));
    }
    const incoming = `${file}.restoring`;
    fs.copyFileSync(source, incoming);
    const fd = fs.openSync(incoming, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(incoming, file);
    return { keptAside };
  } finally {
    releaseLock();
  }
}
