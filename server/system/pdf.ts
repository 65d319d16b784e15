// Every PDF Mera writes (posters, teacher profiles, the analytic report) is drawn by pdfmake in a
// child process, never on the thread that answers requests: laying out a report takes 0.5–0.8 s of
// CPU, and other requests must not wait for it. The children run at a lower priority (nice 10), so
// on a busy machine the process answering requests gets the CPU first. A small pool of them (one per
// spare core, at least one) takes documents in turn. Each has pdfmake set up once: its own Roboto fonts,
// which cover Cyrillic and are embedded, and no access to URLs or to files other than those fonts,
// so a document's content can never make the server fetch anything.
import os from 'node:os';
import path from 'node:path';
import { type ChildProcess, spawn } from 'node:child_process';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

/** A footer on every page, as data (a worker cannot be handed a function): "{page}" and "{pages}" are filled in. */
export interface PdfFooter {
  left: string;
  right: string;
  fontSize: number;
  color: string;
  margin: [number, number, number, number];
}

// Documents name their table layouts: pdfmake's own ('noBorders', 'lightHorizontalLines', ...) and
// 'compact' (no lines, 1 pt above and below each row), registered in the worker.
// The worker's code: plain JavaScript run from a string, so it needs no TypeScript loader and works
// the same from the sources (tsx, jest) and from dist/.
const workerSource = `
const path = require('node:path');
const workerData = JSON.parse(process.argv[1]);
const pdfmake = require(workerData.pdfmake);
const fontsDir = workerData.fontsDir;
pdfmake.setFonts({
  Roboto: {
    normal: path.join(fontsDir, 'Roboto-Regular.ttf'),
    bold: path.join(fontsDir, 'Roboto-Medium.ttf'),
    italics: path.join(fontsDir, 'Roboto-Italic.ttf'),
    bolditalics: path.join(fontsDir, 'Roboto-MediumItalic.ttf'),
  },
});
// Table layouts by name (a document handed to a worker holds data only, no functions).
pdfmake.addTableLayouts({
  compact: { hLineWidth: () => 0, vLineWidth: () => 0, paddingTop: () => 1, paddingBottom: () => 1 },
});
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontsDir + path.sep));
const fill = (text, page, pages) => text.replace('{page}', String(page)).replace('{pages}', String(pages));
process.on('disconnect', () => process.exit(0));
process.on('message', async ({ id, definition, footer }) => {
  try {
    if (footer)
      definition.footer = (page, pages) => ({
        columns: [
          { text: fill(footer.left, page, pages), fontSize: footer.fontSize, color: footer.color },
          { text: fill(footer.right, page, pages), fontSize: footer.fontSize, color: footer.color, alignment: 'right' },
        ],
        margin: footer.margin,
      });
    const buffer = await pdfmake.createPdf(definition).getBuffer();
    process.send({ id, pdf: buffer });
  } catch (err) {
    process.send({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
`;

const pdfmakeMain = require.resolve('pdfmake');
const fontsDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');

interface Pending {
  resolve(pdf: Buffer): void;
  reject(err: Error): void;
}

class PdfWorker {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  dead = false;

  constructor() {
    this.child = spawn(process.execPath, ['-e', workerSource, JSON.stringify({ pdfmake: pdfmakeMain, fontsDir })], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    try {
      if (this.child.pid) os.setPriority(this.child.pid, 10);
    } catch {
      // Not allowed here: it runs at the same priority, still off the request thread.
    }
    this.idle();
    this.child.on('message', (m: { id: number; pdf?: Uint8Array; error?: string }) => {
      const job = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (this.pending.size === 0) this.idle();
      if (!job) return;
      if (m.pdf) job.resolve(Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
      else job.reject(new Error(`The PDF could not be drawn: ${m.error}`));
    });
    const fail = (err: Error) => {
      this.dead = true;
      for (const job of this.pending.values()) job.reject(err);
      this.pending.clear();
    };
    this.child.on('error', fail);
    this.child.on('exit', (code) => fail(new Error(`The PDF process stopped (exit code ${code})`)));
  }

  /** An idle child does not keep the process alive (tests, a stopping server); it ends with it. */
  private idle() {
    this.child.unref();
    this.child.channel?.unref();
  }

  get load(): number {
    return this.pending.size;
  }

  draw(definition: TDocumentDefinitions, footer: PdfFooter | undefined): Promise<Buffer> {
    const id = this.next++;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Busy: keeps the process alive until the document is back.
      this.child.ref();
      this.child.channel?.ref();
      this.child.send({ id, definition, footer });
    });
  }
}

const poolSize = Math.max(1, Math.min(4, os.availableParallelism() - 1));
let pool: PdfWorker[] = [];

/** Draws a document in a child process; resolves with the PDF's bytes. */
export function renderPdf(definition: TDocumentDefinitions, footer?: PdfFooter): Promise<Buffer> {
  pool = pool.filter((w) => !w.dead);
  let worker = pool.reduce<PdfWorker | undefined>((least, w) => (!least || w.load < least.load ? w : least), undefined);
  if (!worker || (worker.load > 0 && pool.length < poolSize)) {
    worker = new PdfWorker();
    pool.push(worker);
  }
  return worker.draw(definition, footer);
}

/** Documents being prepared (their data read and drawn) at once, at most; the others wait their turn. */
let preparing = 0;
const waiting: (() => void)[] = [];

/**
 * Runs the preparation of one document (reading its data, then renderPdf) in its turn: no more at
 * once than there are drawing processes, so ten reports asked at once do not crowd the request
 * thread with ten readings of their data side by side.
 */
export async function inPdfTurn<T>(prepare: () => Promise<T>): Promise<T> {
  if (preparing >= poolSize) await new Promise<void>((resolve) => waiting.push(resolve));
  preparing++;
  try {
    return await prepare();
  } finally {
    preparing--;
    waiting.shift()?.();
  }
}
