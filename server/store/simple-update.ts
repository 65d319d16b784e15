// The embedded engine's shortcut for the updates Mera writes most: $set of plain values and $inc of
// numbers, on fields reached through plain objects (rollup counters, sessions, job claims). mingo's
// updater builds its operator tables on every call (~0.2 ms); this takes a few microseconds.
// Anything else (arrays on the way, where a numeric segment would be an index; other operators;
// objects as $set values; a $inc on a non-number; paths that overlap) is left to mingo: the
// shortcut answers undefined.
// tests/store/simple-update.test.ts checks it against mingo on generated updates.
import { isDate } from './json';

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

const isScalar = (value: unknown) =>
  value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

/** The object holding the last segment of path, creating plain objects on the way; undefined if something else is in the way. */
function parentOf(doc: Plain, segments: string[]): Plain | undefined {
  let node: Plain = doc;
  for (let i = 0; i < segments.length - 1; i++) {
    const next = node[segments[i]];
    if (next === undefined) node = node[segments[i]] = {};
    else if (isPlainObject(next)) node = next;
    else return undefined;
  }
  return node;
}

// A numeric segment ("5", a rating's answer in a rollup counter) names a field of a plain object
// as it does on MongoDB; an array on the way (where it would be an index) is left to mingo below.
const badSegment = (segment: string) => segment === '' || segment.startsWith('$') || segment === '__proto__';

/**
 * Applies update to doc in place when it is simple enough; returns whether doc changed, or
 * undefined (doc untouched) when mingo must do it.
 */
export function applySimpleUpdate(doc: Plain, update: Plain): boolean | undefined {
  const steps: { segments: string[]; op: '$set' | '$inc'; value: unknown }[] = [];
  for (const [op, fields] of Object.entries(update)) {
    if ((op !== '$set' && op !== '$inc') || !isPlainObject(fields)) return undefined;
    for (const [path, value] of Object.entries(fields)) {
      const segments = path.split('.');
      if (segments.some(badSegment) || segments[0] === '_id') return undefined;
      if (op === '$inc' ? typeof value !== 'number' || !Number.isFinite(value) : !isScalar(value) && !isDate(value)) return undefined;
      steps.push({ segments, op, value });
    }
  }
  // Overlapping paths (a and a.b, or a twice) are an error on MongoDB: let mingo decide.
  const paths = steps.map((s) => s.segments.join('.')).sort();
  for (let i = 1; i < paths.length; i++) if (paths[i] === paths[i - 1] || paths[i].startsWith(`${paths[i - 1]}.`)) return undefined;
  // Check every target before changing anything, so that undefined means untouched.
  for (const { segments, op } of steps) {
    let node: unknown = doc;
    for (const segment of segments.slice(0, -1)) {
      node = (node as Plain)[segment];
      if (node === undefined) break;
      if (!isPlainObject(node)) return undefined;
    }
    if (op === '$inc' && node !== undefined) {
      const current = (node as Plain)[segments[segments.length - 1]];
      if (current !== undefined && typeof current !== 'number') return undefined;
    }
  }
  let changed = false;
  for (const { segments, op, value } of steps) {
    const parent = parentOf(doc, segments)!;
    const key = segments[segments.length - 1];
    const current = parent[key];
    if (op === '$inc') {
      const next = ((current as number | undefined) ?? 0) + (value as number);
      if (current !== next) changed = true;
      parent[key] = next;
    } else if (isDate(value)) {
      if (!isDate(current) || current.getTime() !== value.getTime()) changed = true;
      parent[key] = new Date(value.getTime());
    } else {
      if (current !== value || !Object.hasOwn(parent, key)) changed = true;
      parent[key] = value;
    }
  }
  return changed;
}
