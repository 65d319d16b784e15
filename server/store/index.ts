// Opens the store the configuration asks for: the embedded engine (SQLite) by default, MongoDB when MONGODB_URI is set.
import type { Config } from '../config';
import { openEmbeddedStore } from './embedded';
import { openMongoStore } from './mongo';
import type { CollectionSpec, Store } from './port';

export * from './port';

export function openStore(
  storage: Config['storage'],
  dataDir: string,
  collections: CollectionSpec<unknown>[],
  log: (message: string) => void = () => undefined,
): Promise<Store> {
  return storage.engine === 'mongodb'
    ? openMongoStore({ ...storage, collections, log })
    : openEmbeddedStore({ dataDir, collections, log, synchronous: storage.synchronous });
}
