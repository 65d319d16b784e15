// CSV formula injection (OWASP): a spreadsheet opening a CSV runs a cell that starts with "=", "+",
// "-" or "@" as a formula (=HYPERLINK(...), +cmd|' /C calc'!A0), and a leading tab or carriage return
// can hide such a start. Every text cell of every CSV the server writes goes through neutraliseCell,
// which puts a "'" before such a start so the spreadsheet shows the text as it was typed.

/** The text of a CSV cell, made inert against formula injection. */
export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
