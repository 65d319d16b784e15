// Bounds of a roster file, checked before it is parsed: the file's size, its rows, and for an XLSX
// (a zip) what it inflates to and how many cells its sheets hold. The zip is read with yauzl, which
// checks every entry's inflated size against the central directory's; inflating stops at the bound,
// so a small file that would inflate to a huge cell costs at most the bound.
import yauzl from 'yauzl';
import { problem } from '../errors';
import type { RosterFormat } from './roster';

export const rosterLimits = {
  /** The file itself. */
  bytes: 1_000_000,
  /** Rows (lines) of one file, a header row included. */
  rows: 2000,
  /** Every entry of an XLSX inflated, together. */
  xlsxInflatedBytes: 5_000_000,
  /** Entries of an XLSX (sheets, styles, ...). */
  xlsxEntries: 100,
  /** Cells of every sheet together (2 000 rows of a few columns, and room to spare). */
  xlsxCells: 20_000,
} as const;

const tooLarge = (reason: string) => problem('roster.too_large', { field: 'content', values: { reason } });

function openZip(content: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(content, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => (err || !zip ? reject(err) : resolve(zip))),
  );
}

/** Inflates the XLSX's entries up to the bounds; throws roster.too_large past one, roster.unreadable if it is no zip. */
async function checkXlsx(content: Buffer): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(content);
  } catch {
    throw problem('roster.unreadable', { field: 'content', values: { format: 'XLSX' } });
  }
  if (zip.entryCount > rosterLimits.xlsxEntries) {
    zip.close();
    throw tooLarge(`it holds ${zip.entryCount} parts; a spreadsheet of teachers needs far fewer than ${rosterLimits.xlsxEntries}`);
  }
  let inflated = 0;
  let cells = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (err: unknown) => {
      zip.close();
      reject(err);
    };
    zip.on('error', fail);
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      // The central directory's own claim first: refused without inflating anything.
      if (inflated + entry.uncompressedSize > rosterLimits.xlsxInflatedBytes)
        return fail(tooLarge(`it inflates to more than ${rosterLimits.xlsxInflatedBytes / 1_000_000} MB`));
      const sheet = /^xl\/worksheets\/[^/]+\.xml$/.test(entry.fileName);
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail(err);
        let tail = '';
        stream.on('data', (chunk: Buffer) => {
          inflated += chunk.length;
          if (inflated > rosterLimits.xlsxInflatedBytes) {
            stream.destroy();
            return fail(tooLarge(`it inflates to more than ${rosterLimits.xlsxInflatedBytes / 1_000_000} MB`));
          }
          if (sheet) {
            // Cells are <c ...> elements; a chunk may cut one, so the last few characters are kept.
            const text = tail + chunk.toString('latin1');
            cells += text.match(/<c[\s>]/g)?.length ?? 0;
            tail = text.slice(-2);
            if (cells > rosterLimits.xlsxCells) {
              stream.destroy();
              return fail(tooLarge(`its sheets hold more than ${rosterLimits.xlsxCells} cells`));
            }
          }
        });
        stream.on('error', fail);
        stream.on('end', () => zip.readEntry());
      });
    });
    zip.readEntry();
  });
}

/** Refuses a roster over a bound before it is parsed: roster.too_large or roster.too_many_rows, naming the content. */
export async function checkRosterFile(content: Buffer, format: RosterFormat): Promise<void> {
  if (content.length > rosterLimits.bytes)
    throw tooLarge(`it has ${content.length} bytes; the limit is ${rosterLimits.bytes / 1_000_000} MB`);
  if (format === 'xlsx') return checkXlsx(content);
  const lines = content
    .toString('utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '').length;
  if (lines > rosterLimits.rows) throw tooManyRows(lines);
}

export const tooManyRows = (rows: number) =>
  problem('roster.too_many_rows', { field: 'content', values: { rows, max: rosterLimits.rows } });
