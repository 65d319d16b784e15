// Test support for downloaded files: supertest's parser that keeps the body as bytes, a CSV reader
// (";" cells, RFC 4180 quoting) and the text of a PDF read by Mozilla's pdf.js in a child process.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Response } from 'supertest';

/** supertest `.parse(binary)`: the body as a Buffer. */
export const binary = (res: Response, callback: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

/** Splits a CSV of ";" cells with "…" quoting into rows (the BOM, if any, already removed). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The pages and text of a PDF, as pdf.js reads them (tests/support/pdf-text.mjs). */
export function pdfText(pdf: Buffer): { pages: number; text: string } {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'pdf-text.mjs')], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.toString('utf8'));
}
