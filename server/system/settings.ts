// Settings of the running system shared by every app instance (kept in the store, not in process
// memory): the generated link and session secrets.
import crypto from 'node:crypto';
import { defineCollection, type Store } from '../store';

export interface Setting {
  _id: string;
  value: string;
}

export const settingsCollection = defineCollection<Setting>('settings', {
  value: { type: String, required: true },
});

/**
 * The configured secret; otherwise one random secret kept in the store under `id`, made by the
 * first instance that asks (an upsert: every instance gets the same one).
 */
export async function storedSecret(store: Store, id: string, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const settings = store.collection(settingsCollection);
  const setting = await settings.findOneAndUpdate(
    { _id: id },
    { $setOnInsert: { value: crypto.randomBytes(32).toString('base64url') } },
    { upsert: true, returnDocument: 'after' },
  );
  return setting!.value;
}

/**
 * Remembers what `make` resolved to, but forgets a rejection, so one failed read (a store hiccup)
 * is tried again by the next caller instead of failing every request until a restart.
 */
export function rememberedUnlessFailed<T>(make: () => Promise<T>): () => Promise<T> {
  let remembered: Promise<T> | undefined;
  return () =>
    (remembered ??= make().catch((err: unknown) => {
      remembered = undefined;
      throw err;
    }));
}
