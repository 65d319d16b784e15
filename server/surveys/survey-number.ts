// What survey-core 3.0.0 reads as a number (its Helpers.getNumber): a number, or a text such as
// "89215761507", " 3,5 " or "0x1F". The server agrees with it where survey-core decides by it: a
// numeric validator on a text question, a trigger's value.

/** The number survey-core reads in a value; NaN when it reads none. */
export function surveyNumber(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value !== 'string') return NaN;
  let text = value.trim();
  if (!text) return NaN;
  if (text.startsWith('0x')) return text.length > 32 ? NaN : parseInt(text);
  // Long runs of digits (an ID, a card number) are text, not numbers.
  if (text.length > 15 && /^\d+$/.test(text)) return NaN;
  // An operator inside the text ("2*3", "1/2") makes it an expression, not a number.
  if (text.lastIndexOf('-') <= 0 && text.lastIndexOf('+') <= 0 && /[*^/%]/.test(text)) return NaN;
  const comma = text.indexOf(',');
  if (comma > -1 && text.indexOf(',', comma + 1) < 0) text = text.replace(',', '.');
  const parsed = parseFloat(text);
  return Number.isNaN(parsed) || !Number.isFinite(Number(text)) ? NaN : parsed;
}

export const isNumeric = (value: unknown) => !Number.isNaN(surveyNumber(value));
