// One process owns a data dir: a lock file holds its pid. A lock left by a process that no longer
// runs (killed, crashed) is taken over. Restoring a backup checks it too, so it never replaces the
// database under a running Mera.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const lockName = 'mera.lock';

/** The pid holding the data dir's lock, if that process still runs. */
export function lockHolder(dataDir: string): number | undefined {
  let holder: number;
  try {
    holder = Number(fs.readFileSync(path.join(dataDir, lockName), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(holder) || holder <= 0) return undefined;
  try {
    process.kill(holder, 0);
    return holder;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? holder : undefined;
  }
}

/** Takes the data dir's lock or throws "in use"; returns a function that releases it. */
export function acquireLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, lockName);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // Write the pid first and link it into place, so no one ever reads an empty lock.
      const temp = `${lockFile}.${process.pid}.${crypto.randomBytes(6).toString('hex')}`;
      fs.writeFileSync(temp, String(process.pid));
      try {
        fs.linkSync(temp, lockFile);
      } finally {
        fs.rmSync(temp, { force: true });
      }
      return () => fs.rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = lockHolder(dataDir);
      if (holder !== undefined) {
        throw new Error(
          `The data dir ${dataDir} is in use by process ${holder}. The embedded engine serves one process; ` +
            'stop the other one, or use MongoDB (MONGODB_URI) to run several.',
          { cause: err },
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock the data dir ${dataDir}`);
}
