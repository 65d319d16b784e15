// Documents as the embedded engine stores them: JSON text, with each Date written as
// {"$$date": <milliseconds>} (the form NeDB used, so its files read the same). No stored field name
// starts with "$" (field-names.ts refuses them), so the marker never meets a real field.
//
// JSON.parse's reviver and JSON.stringify's replacer are called back for every value of the
// document, which costs several times the parse itself (a campaign: 14 µs against 5). So the
// dates are found by a walk instead, and a document without any is written by JSON.stringify alone.
// The walks keep their own stack, as field-names.ts does: any nesting depth, no recursion.

type Plain = Record<string, unknown>;

// By tag rather than instanceof: dates made in another realm (a vm context, as under jest) count.
export const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]';

/** JSON.stringify turns a Date into a string before a replacer sees it; the holder still has the Date. */
function replaceDates(this: Plain, key: string, value: unknown): unknown {
  const raw = this[key];
  return isDate(raw) ? { $$date: raw.getTime() } : value;
}

/** Whether doc holds a Date, or anything with its own toJSON (which the replacer must see through). */
function needsReplacer(doc: unknown): boolean {
  const stack: unknown[] = [doc];
  while (stack.length) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return true;
    for (const key of Object.keys(value)) stack.push((value as Plain)[key]);
  }
  return false;
}

const isDateMarker = (value: unknown): value is { $$date: number } =>
  value !== null &&
  typeof value === 'object' &&
  typeof (value as { $$date?: unknown }).$$date === 'number' &&
  Object.keys(value).length === 1;

/** Turns each date marker inside a freshly parsed value into a Date, in place. */
function reviveDates(parsed: unknown): unknown {
  if (isDateMarker(parsed)) return new Date(parsed.$$date);
  const stack: unknown[] = [parsed];
  while (stack.length) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    for (const key of Object.keys(node)) {
      const child = (node as Plain)[key];
      if (!isDateMarker(child)) stack.push(child);
      // A parsed "__proto__" is an own field: set it as one, never through the prototype setter.
      else if (key === '__proto__')
        Object.defineProperty(node, key, { value: new Date(child.$$date), enumerable: true, writable: true, configurable: true });
      else (node as Plain)[key] = new Date(child.$$date);
    }
  }
  return parsed;
}

export function toJson(doc: unknown): string {
  return needsReplacer(doc) ? JSON.stringify(doc, replaceDates) : JSON.stringify(doc);
}

/** A fresh object each time; the walk only runs when the text holds a date. */
export function fromJson<T = Plain>(text: string): T {
  const parsed: unknown = JSON.parse(text);
  return (text.includes('"$$date"') ? reviveDates(parsed) : parsed) as T;
}

/** The empty copy of a value: itself when it is not an object. */
function shell(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isDate(value)) return new Date(value.getTime());
  return Array.isArray(value) ? new Array(value.length) : {};
}

/**
 * A fresh copy of a document as fromJson gives it (plain objects, arrays, Dates, JSON values), for
 * handing out a document kept parsed: about a third of the cost of parsing its text again. Like
 * the walks above, it keeps its own stack.
 */
export function copyDocument<T>(doc: T): T {
  const top = shell(doc);
  const stack: [Plain, Plain][] = [];
  if (top !== null && typeof top === 'object' && !isDate(top)) stack.push([doc as Plain, top as Plain]);
  while (stack.length) {
    const [source, target] = stack.pop()!;
    for (const key of Object.keys(source)) {
      const child = shell(source[key]);
      // As in reviveDates: a "__proto__" field is an own field, never the prototype setter.
      if (key === '__proto__') Object.defineProperty(target, key, { value: child, enumerable: true, writable: true, configurable: true });
      else target[key] = child;
      if (child !== null && typeof child === 'object' && !isDate(child)) stack.push([source[key] as Plain, child as Plain]);
    }
  }
  return top as T;
}
