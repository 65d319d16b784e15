// Documents as the embedded engine stores them: JSON text, with each Date written as
// {"$$date": <milliseconds>} (the form NeDB used, so its files read the same). No stored field name
// starts with "$" (field-names.ts refuses them), so the marker never meets a real field.

type Plain = Record<string, unknown>;

// By tag rather than instanceof: dates made in another realm (a vm context, as under jest) count.
const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]';

/** JSON.stringify turns a Date into a string before a replacer sees it; the holder still has the Date. */
function replaceDates(this: Plain, key: string, value: unknown): unknown {
  const raw = this[key];
  return isDate(raw) ? { $$date: raw.getTime() } : value;
}

function reviveDates(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { $$date?: unknown }).$$date === 'number') {
    if (Object.keys(value).length === 1) return new Date((value as { $$date: number }).$$date);
  }
  return value;
}

export function toJson(doc: unknown): string {
  return JSON.stringify(doc, replaceDates);
}

/** A fresh object each time; the reviver (slower) only runs when the text holds a date. */
export function fromJson<T = Plain>(text: string): T {
  return (text.includes('"$$date"') ? JSON.parse(text, reviveDates) : JSON.parse(text)) as T;
}
