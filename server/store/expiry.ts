// Index expiry (MongoDB's TTL indexes), as both engines read it: a document whose Date in the
// indexed field lies more than expireAfterSeconds in the past is expired. As on MongoDB, a field
// holding an array expires by its earliest Date, and a field without a Date never expires.
import type { IndexSpec } from './port';
import { isDate } from './json';

export interface Expiry {
  field: string;
  seconds: number;
}

/** The expiring indexes of a collection; refuses what MongoDB refuses (a compound or negative one). */
export function expiriesOf(collection: string, indexes: IndexSpec[]): Expiry[] {
  return indexes.flatMap((index) => {
    if (index.expireAfterSeconds === undefined) return [];
    const fields = Object.keys(index.fields);
    if (fields.length !== 1)
      throw new Error(`${collection}: an index with expireAfterSeconds must have exactly one field (MongoDB's TTL indexes do).`);
    if (!Number.isInteger(index.expireAfterSeconds) || index.expireAfterSeconds < 0) {
      throw new Error(`${collection}: expireAfterSeconds must be a whole number of seconds, 0 or more.`);
    }
    return [{ field: fields[0], seconds: index.expireAfterSeconds }];
  });
}

/** Documents whose field holds a Date at or before this moment are expired. */
export function cutoff(expiry: Expiry, now: number): Date {
  return new Date(now - expiry.seconds * 1000);
}

function valueAt(doc: Record<string, unknown>, path: string): unknown {
  let value: unknown = doc;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function isExpired(doc: Record<string, unknown>, expiries: Expiry[], now: number): boolean {
  return expiries.some((expiry) => {
    const value = valueAt(doc, expiry.field);
    const dates = (Array.isArray(value) ? value : [value]).filter(isDate);
    if (dates.length === 0) return false;
    const earliest = Math.min(...dates.map((d) => d.getTime()));
    return earliest <= cutoff(expiry, now).getTime();
  });
}
