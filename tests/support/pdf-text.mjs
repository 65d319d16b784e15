// Reads a PDF from standard input and prints {"pages": n, "text": "..."} with Mozilla's pdf.js:
// a pure-JS check that a PDF opens and says what it should (no poppler needed). A separate
// process because pdf.js is an ES module, which jest's CommonJS tests cannot load directly.
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const data = new Uint8Array(Buffer.concat(chunks));
const pdf = await getDocument({ data, disableFontFace: true, verbosity: 0 }).promise;
let text = '';
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent();
  for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
  text += '\n';
}
process.stdout.write(JSON.stringify({ pages: pdf.numPages, text }));
