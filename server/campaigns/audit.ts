// The campaigns' audit log: every change to a campaign (who, when, which fields, before and
// after), for the administrator to read. Entries are only ever added.
import type { Store } from '../store';
import { auditCollection, type AuditEntry, type FieldChange } from './data';

export type { Actor, AuditEntry, FieldChange } from './data';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields that differ between two versions of a document, one level into plain objects (so a
 * changed target names its school). Fields in `ignore` (bookkeeping) are left out.
 */
export function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>, ignore: string[] = []): FieldChange[] {
  const changes: FieldChange[] = [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !ignore.includes(k)).sort();
  for (const key of keys) {
    const [b, a] = [before[key], after[key]];
    if (same(b, a)) continue;
    if (isPlainObject(b) && isPlainObject(a)) {
      for (const inner of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
        if (!same(b[inner], a[inner])) changes.push({ field: `${key}.${inner}`, before: b[inner] ?? null, after: a[inner] ?? null });
      }
    } else {
      changes.push({ field: key, before: b ?? null, after: a ?? null });
    }
  }
  return changes;
}

export async function recordAudit(store: Store, entry: Omit<AuditEntry, '_id'>): Promise<void> {
  await store.collection(auditCollection).insertOne(entry);
}

/** A campaign's audit log, oldest first. */
export function auditLog(store: Store, campaignId: string): Promise<AuditEntry[]> {
  return store.collection(auditCollection).find({ campaignId }, { sort: { revision: 1 } });
}

/** The latest changes across all campaigns (or one), newest first: what the administrator reads. */
export function latestAudit(store: Store, limit: number, campaignId?: string): Promise<AuditEntry[]> {
  return store.collection(auditCollection).find(campaignId ? { campaignId } : {}, { sort: { at: -1, revision: -1 }, limit });
}
