// Rosters: a school's teachers from a CSV or XLSX file (name, e-mail, subject, form tutor yes/no).
// Every row is judged on its own: good rows are added and invited, bad rows are reported by line
// with the reason, and an e-mail already registered (or twice in the file) is said as such.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { problem, Problem } from '../errors';
import type { Store } from '../store';
import type { User } from './data';
import { rosterLimits, tooManyRows } from './roster-limits';
import { createUser, findUserByEmail } from './service';

export type RosterFormat = 'csv' | 'xlsx';

export interface RosterRow {
  line: number;
  name: string;
  email: string;
  subject: string;
  formTutor: string;
}

export interface RosterProblem {
  line: number;
  field?: 'name' | 'email' | 'formTutor';
  code: 'roster.email_invalid' | 'roster.email_taken' | 'roster.email_repeated' | 'roster.form_tutor_invalid' | 'roster.name_missing';
  message: string;
}

const headerWords: Record<keyof Omit<RosterRow, 'line'>, RegExp> = {
  name: /^(name|full name|фио|ф\.и\.о\.?|имя)$/i,
  email: /^(e-?mail|email address|электронная почта|почта|e-mail адрес)$/i,
  subject: /^(subject|предмет)$/i,
  formTutor: /^(form tutor|class teacher|классный руководитель|кл\.? ?рук\.?)$/i,
};

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlinks (e-mails in Excel)
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return String(value.result ?? '');
  }
  return String(value);
};

/** The rows of the first sheet (XLSX) or of the file (CSV), with their line numbers; a header row is recognised in Russian or English. */
export async function readRoster(content: Buffer, format: RosterFormat): Promise<RosterRow[]> {
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (format === 'xlsx') {
      await workbook.xlsx.load(content as unknown as ArrayBuffer);
      sheet = workbook.worksheets[0];
    } else {
      const text = content.toString('utf8').replace(/^\uFEFF/, '');
      // Excel in Russian locales writes CSV with semicolons.
      const firstLine = text.split(/\r?\n/, 1)[0];
      const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
      sheet = await workbook.csv.read(Readable.from([text]), { parserOptions: { delimiter } });
    }
  } catch {
    throw problem('roster.unreadable', { field: 'content', values: { format: format.toUpperCase() } });
  }
  if (!sheet) return [];
  if (sheet.rowCount > rosterLimits.rows) throw tooManyRows(sheet.rowCount);
  const lines: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells = [1, 2, 3, 4].map((i) => cellText(row.getCell(i).value).trim());
    if (cells.some((c) => c !== '')) lines.push({ line, cells });
  });
  let order: (keyof Omit<RosterRow, 'line'>)[] = ['name', 'email', 'subject', 'formTutor'];
  const first = lines[0];
  if (first && first.cells.some((c) => headerWords.email.test(c))) {
    order = first.cells.map((c) =>
      (Object.keys(headerWords) as (keyof typeof headerWords)[]).find((k) => headerWords[k].test(c))!,
    ) as typeof order;
    lines.shift();
  }
  return lines.map(({ line, cells }) => {
    const row: RosterRow = { line, name: '', email: '', subject: '', formTutor: '' };
    order.forEach((key, i) => {
      if (key) row[key] = cells[i] ?? '';
    });
    return row;
  });
}

const yes = /^(да|yes|y|1|true|\+|д)$/i;
const no = /^(нет|no|n|0|false|-|н|)$/i;
const emailSchema = z.string().email();

export interface RosterResult {
  added: { line: number; user: User }[];
  problems: RosterProblem[];
}

/**
 * Adds the good rows as teachers of the school; each added teacher is handed to `invite`. Before
 * anyone is added, `reserve` is asked for as many invitations as there are rows to add: when it
 * refuses (a daily cap), it throws and nothing is added.
 */
export async function importRoster(
  store: Store,
  rows: RosterRow[],
  schoolId: string,
  invite: (user: User) => Promise<unknown>,
  reserve: (count: number) => Promise<void> = async () => undefined,
): Promise<RosterResult> {
  const result: RosterResult = { added: [], problems: [] };
  const seen = new Map<string, number>();
  const toAdd: RosterRow[] = [];
  for (const row of rows) {
    const email = row.email.toLowerCase();
    if (!row.name) {
      result.problems.push({ line: row.line, field: 'name', code: 'roster.name_missing', message: 'The name is missing.' });
      continue;
    }
    if (!emailSchema.safeParse(email).success) {
      result.problems.push({
        line: row.line,
        field: 'email',
        code: 'roster.email_invalid',
        message: `"${row.email}" is not an e-mail address.`,
      });
      continue;
    }
    if (!yes.test(row.formTutor) && !no.test(row.formTutor)) {
      result.problems.push({
        line: row.line,
        field: 'formTutor',
        code: 'roster.form_tutor_invalid',
        message: `Form tutor must be yes or no (да / нет), not "${row.formTutor}".`,
      });
      continue;
    }
    if (seen.has(email)) {
      result.problems.push({
        line: row.line,
        field: 'email',
        code: 'roster.email_repeated',
        message: `${email} is already on line ${seen.get(email)} of this file.`,
      });
      continue;
    }
    seen.set(email, row.line);
    if (await findUserByEmail(store, email)) {
      result.problems.push({ line: row.line, field: 'email', code: 'roster.email_taken', message: `${email} is already registered.` });
      continue;
    }
    toAdd.push(row);
  }
  if (toAdd.length) await reserve(toAdd.length);
  for (const row of toAdd) {
    const email = row.email.toLowerCase();
    try {
      const user = await createUser(store, {
        email,
        name: row.name,
        role: 'teacher',
        schoolId,
        subject: row.subject || undefined,
        formTutor: yes.test(row.formTutor),
      });
      await invite(user);
      result.added.push({ line: row.line, user });
    } catch (err) {
      // Registered meanwhile (another upload at the same moment).
      if (err instanceof Problem && err.code === 'user.email_taken') {
        result.problems.push({ line: row.line, field: 'email', code: 'roster.email_taken', message: `${email} is already registered.` });
      } else throw err;
    }
  }
  result.problems.sort((a, b) => a.line - b.line);
  return result;
}
