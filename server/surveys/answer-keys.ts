// Answers are kept with SurveyJS's own names, which may hold "." and "$" (a question "U.S. history",
// a matrix row "Node.js"). The embedded engine and MongoDB refuse such keys, so every key of a kept
// answer set is encoded on the way in and decoded on the way out: "%" "." "$" become %25 %2E %24.
// Keys without them (every key before names were opened) are unchanged.

const needsEncoding = /[%.$]/;
const encoded = /%(25|2E|24)/g;

const encodeKey = (key: string) =>
  needsEncoding.test(key) ? key.replace(/[%.$]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) : key;
const decodeKey = (key: string) =>
  key.includes('%') ? key.replace(encoded, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : key;

/** Whether any key, at any depth, matches (most answer sets have none to change: they are returned as they are). */
function anyKey(value: unknown, pattern: RegExp): boolean {
  if (Array.isArray(value)) return value.some((item) => anyKey(item, pattern));
  if (!value || typeof value !== 'object' || value instanceof Date) return false;
  for (const [key, item] of Object.entries(value)) if (pattern.test(key) || anyKey(item, pattern)) return true;
  return false;
}

function mapKeys(value: unknown, change: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => mapKeys(item, change));
  if (!value || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[change(key)] = mapKeys(item, change);
  return out;
}

/** An answer set as it is stored: every key encoded. */
export const storedAnswers = (answers: Record<string, unknown>) =>
  anyKey(answers, needsEncoding) ? (mapKeys(answers, encodeKey) as Record<string, unknown>) : answers;

/** An answer set as it was given: every stored key decoded. */
export const givenAnswers = (answers: Record<string, unknown>) =>
  anyKey(answers, /%(25|2E|24)/) ? (mapKeys(answers, decodeKey) as Record<string, unknown>) : answers;

/** Any value taken from an answer set (an audit's before or after: a matrix row's columns), its keys encoded for the store. */
export const storedValue = (value: unknown): unknown => (anyKey(value, needsEncoding) ? mapKeys(value, encodeKey) : value);

/** Such a value as it was given. */
export const givenValue = (value: unknown): unknown => (anyKey(value, /%(25|2E|24)/) ? mapKeys(value, decodeKey) : value);
