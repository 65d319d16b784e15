// Numbers typed the Russian way, read the same on the respondent's page and on the server: «1 300»
// (a space, a no-break space U+00A0 or a narrow one U+202F between thousands), «3,8» and «3.8». A
// number whose only separator is a dot or comma followed by exactly three digits («1.300», «2,500»)
// could mean a thousand or a decimal: it is refused as ambiguous rather than read either way. Types
// and pure functions only: the client imports this file.

export type NumberReading = { value: number } | { ambiguous: true } | undefined;

const spaces = /[\s\u00a0\u202f\u2009]+/g;
const plain = /^\d+([.,]\d+)?$/;
const grouped = /^\d{1,3}( \d{3})+([.,]\d+)?$/;
const thousandOrDecimal = /^[1-9]\d{0,2}[.,]\d{3}$/;

/** "1 300" → 1300, "3,8" → 3.8, "1.300" → ambiguous, "abc" → undefined. */
export function readNumber(text: string): NumberReading {
  let t = text.trim().replace(spaces, ' ');
  let sign = 1;
  if (/^[-−]/.test(t)) {
    sign = -1;
    t = t.slice(1).trim();
  }
  if (thousandOrDecimal.test(t)) return { ambiguous: true };
  if (!plain.test(t) && !grouped.test(t)) return undefined;
  const value = sign * Number(t.replace(/ /g, '').replace(',', '.'));
  return Number.isFinite(value) ? { value } : undefined;
}
