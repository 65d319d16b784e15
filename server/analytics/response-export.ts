// Export of a campaign's responses, one row per response, as CSV (UTF-8 with BOM, ";") or XLSX.
// Anonymity rules (README "Exports"): rows in random order, never the order of submission; no id,
// token, address, device or day for anonymous surveys; a school with fewer answers than the minimum
// group is left out (and named in the notes); the role column is blanked in a school where a role
// has fewer answers than the minimum group; free text is left out of anonymous surveys.
import crypto from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { campaignsCollection } from '../campaigns/data';
import { Problem } from '../errors';
import { responsesCollection } from '../responses/data';
import { listSchools } from '../schools/service';
import type { Store } from '../store';
import { getInstrument } from '../surveys/catalogue';
import type { Instrument } from '../surveys/instrument';
import { csvLine } from './exports';
import { roleQuestion } from './rollups';
import { rolesOf } from './results';

type Cell = string | number | null;
type Answers = Record<string, unknown>;

export interface AnswerColumn {
  /** The question the column reads. */
  question: string;
  header: string;
  /** A number format for XLSX ("0": whole numbers); text otherwise. */
  numFmt?: string;
  cell(answers: Answers): Cell;
}

type Json = Record<string, unknown>;
type Text = string | { default?: string; [locale: string]: string | undefined } | undefined;

const ru = (text: Text, fallback: string): string => (typeof text === 'string' ? text : text?.default ?? fallback);
const numeric = (v: unknown): Cell => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

interface Choice {
  value: unknown;
  text: string;
}
function choicesOf(q: Json): Choice[] {
  const list = (q.choices ?? q.rateValues ?? []) as unknown[];
  const choices = list.map((c): Choice => (c !== null && typeof c === 'object' ? { value: (c as Json).value, text: ru((c as Json).text as Text, String((c as Json).value)) } : { value: c, text: String(c) }));
  if (q.showNoneItem) choices.push({ value: 'none', text: ru(q.noneText as Text, 'Ничего из перечисленного') });
  if (q.showOtherItem) choices.push({ value: 'other', text: ru(q.otherText as Text, 'Другое') });
  return choices;
}
const choiceText = (choices: Choice[], v: unknown): Cell => (v === undefined || v === null ? null : choices.find((c) => c.value === v)?.text ?? String(v));

/** Free-text question types: what a respondent writes in their own words. */
const freeTextTypes = new Set(['comment', 'text', 'multipletext']);
const numberInputs = new Set(['number', 'range']);

/**
 * The columns of an instrument's responses, in the order of its definition, and the questions left
 * out (free text of anonymous surveys; complex types no column can hold).
 */
export function answerColumns(instrument: Instrument): { columns: AnswerColumn[]; leftOut: string[] } {
  const columns: AnswerColumn[] = [];
  const leftOut: string[] = [];
  const keepFreeText = !instrument.anonymous;
  const visit = (elements: unknown) => {
    for (const element of (elements ?? []) as Json[]) {
      const type = String(element.type ?? '');
      if (type === 'panel') {
        visit(element.elements);
        continue;
      }
      if (type === 'html' || type === 'image' || type === 'expression') continue;
      const name = String(element.name ?? '');
      const title = ru(element.title as Text, name);
      switch (type) {
        case 'radiogroup':
        case 'dropdown':
        case 'imagepicker': {
          const choices = choicesOf(element);
          columns.push({ question: name, header: title, cell: (a) => choiceText(choices, a[name]) });
          break;
        }
        case 'rating': {
          const choices = choicesOf(element);
          const texts = choices.some((c) => typeof c.value !== 'number');
          columns.push(texts ? { question: name, header: title, cell: (a) => choiceText(choices, a[name]) } : { question: name, header: title, numFmt: '0', cell: (a) => numeric(a[name]) });
          break;
        }
        case 'boolean':
          columns.push({ question: name, header: title, cell: (a) => (a[name] === undefined ? null : a[name] === true || a[name] === element.valueTrue ? 'да' : 'нет') });
          break;
        case 'checkbox':
        case 'tagbox':
          for (const choice of choicesOf(element)) {
            columns.push({ question: name, header: `${title}: ${choice.text}`, numFmt: '0', cell: (a) => (Array.isArray(a[name]) ? ((a[name] as unknown[]).includes(choice.value) ? 1 : 0) : null) });
          }
          break;
        case 'matrix': {
          const matrixColumns = choicesOf({ choices: element.columns });
          const allNumbers = matrixColumns.every((c) => typeof c.value === 'number');
          for (const row of choicesOf({ choices: element.rows })) {
            const key = String(row.value);
            const value = (a: Answers) => (a[name] !== null && typeof a[name] === 'object' ? (a[name] as Json)[key] : undefined);
            columns.push(allNumbers ? { question: name, header: `${title}: ${row.text}`, numFmt: '0', cell: (a) => numeric(value(a)) } : { question: name, header: `${title}: ${row.text}`, cell: (a) => choiceText(matrixColumns, value(a)) });
          }
          break;
        }
        default:
          if (type === 'text' && numberInputs.has(String(element.inputType ?? ''))) columns.push({ question: name, header: title, cell: (a) => numeric(a[name]) });
          else if (freeTextTypes.has(type) && keepFreeText && type !== 'multipletext') columns.push({ question: name, header: title, cell: (a) => (a[name] === undefined ? null : String(a[name])) });
          else leftOut.push(title);
      }
    }
  };
  for (const page of ((instrument.survey.pages ?? []) as Json[])) visit(page.elements);
  return { columns, leftOut };
}

/** Fisher–Yates with a cryptographic source: nobody can recover the order of submission from the file. */
export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

export interface ResponsesExport {
  fileName: string;
  contentType: string;
  body: Readable;
  /** Schools left out for having fewer answers than the minimum group ("№ 344 (меньше 5 ответов)"). */
  leftOutSchools: string[];
}

export interface ResponsesExportOptions {
  minGroupSize: number;
  /** Only this school's responses. */
  schoolId?: string;
  /** Only the responses of this role (the staff survey: "admin", "teacher"), as the results page's role filter. */
  role?: string;
}

interface Table {
  headers: string[];
  numFmts: (string | undefined)[];
  rows: Cell[][];
  notes: string[];
  leftOutSchools: string[];
}

/** Reads the campaign's responses through the port's stream and builds the shuffled, suppressed table. */
export async function responsesTable(store: Store, campaignId: string, options: ResponsesExportOptions): Promise<Table> {
  const campaign = await store.collection(campaignsCollection).findOne({ _id: campaignId });
  if (!campaign) throw new Problem('campaign.not_found', 404, `There is no campaign "${campaignId}".`, 'id');
  if (options.schoolId !== undefined && !campaign.schoolIds.includes(options.schoolId)) {
    throw new Problem('results.school_not_in_campaign', 404, `The school "${options.schoolId}" does not take part in this campaign.`, 'school');
  }
  const { instrument } = await getInstrument(store, campaign.instrumentId, campaign.instrumentVersion);
  const schoolForm = instrument.respondentType === 'school';
  if (!instrument.anonymous && !schoolForm) {
    throw new Problem('export.personal_responses', 409, "This instrument's answers are personal (the teacher's diagnostic): its results are exported as the indicator table, never answer by answer.", 'id');
  }
  const roles = rolesOf(instrument);
  if (options.role !== undefined && !roles.some((r) => r.id === options.role)) {
    throw new Problem('results.role_unknown', 400, roles.length ? `"${options.role}" is not a role of this campaign's respondents (${roles.map((r) => r.id).join(', ')}).` : "This campaign's respondents answer without a role: leave out \"role\".", 'role');
  }
  const { columns, leftOut } = answerColumns(instrument);
  const schools = new Map((await listSchools(store)).map((s) => [s._id, ru(s.shortName as Text, `№ ${s.number}`)]));
  const schoolName = (id: string) => schools.get(id) ?? id;

  // One pass over the responses: only the cells are kept, never the stored documents.
  const bySchool = new Map<string, { roles: Map<string, number>; rows: Cell[][]; roleRows: Cell[][] }>();
  const filter = { campaignId, ...(options.schoolId !== undefined ? { schoolId: options.schoolId } : {}) };
  for await (const response of store.collection(responsesCollection).stream(filter, { projection: { schoolId: 1, day: 1, answers: 1 } })) {
    let school = bySchool.get(response.schoolId);
    if (!school) bySchool.set(response.schoolId, (school = { roles: new Map(), rows: [], roleRows: [] }));
    const role = typeof response.answers[roleQuestion] === 'string' ? (response.answers[roleQuestion] as string) : '';
    school.roles.set(role, (school.roles.get(role) ?? 0) + 1);
    const row = [schoolName(response.schoolId), ...(schoolForm ? [response.day] : []), ...columns.map((c) => c.cell(response.answers))];
    school.rows.push(row);
    if (role === options.role) school.roleRows.push(row);
  }

  const headers = ['Школа', ...(schoolForm ? ['День'] : []), ...columns.map((c) => c.header)];
  const numFmts = [undefined, ...(schoolForm ? [undefined] : []), ...columns.map((c) => c.numFmt)];
  const roleAt = columns.findIndex((c) => c.question === roleQuestion);
  const roleColumn = roleAt < 0 ? -1 : roleAt + headers.length - columns.length;
  const notes: string[] = [];
  const leftOutSchools: string[] = [];
  const rows: Cell[][] = [];
  const ordered = campaign.schoolIds.filter((id) => bySchool.has(id)).concat([...bySchool.keys()].filter((id) => !campaign.schoolIds.includes(id)));
  const roleTitle = roles.find((r) => r.id === options.role)?.title.default ?? options.role;
  for (const schoolId of ordered) {
    const school = bySchool.get(schoolId)!;
    if (options.role !== undefined) {
      // One role's rows: the role × school split follows the minimum group, and so does the rest of
      // the school (a small other role would be this file's rows subtracted from the whole export's).
      if (school.roleRows.length === 0) continue;
      const small = school.roleRows.length < options.minGroupSize;
      const smallOther = [...school.roles.entries()].some(([r, n]) => r !== options.role && n < options.minGroupSize);
      if (instrument.anonymous && (small || smallOther)) {
        leftOutSchools.push(small ? `${schoolName(schoolId)} (в группе «${roleTitle}» меньше ${options.minGroupSize} ответов)` : `${schoolName(schoolId)} (в другой группе меньше ${options.minGroupSize} ответов)`);
        continue;
      }
      rows.push(...school.roleRows);
      continue;
    }
    if (instrument.anonymous && school.rows.length < options.minGroupSize) {
      leftOutSchools.push(`${schoolName(schoolId)} (меньше ${options.minGroupSize} ответов)`);
      continue;
    }
    // A role with fewer answers than the minimum group in this school: nobody's role is shown there
    // (blanking only the small role's would point at it).
    if (instrument.anonymous && roleColumn >= 0 && school.roles.size > 1 && [...school.roles.values()].some((n) => n < options.minGroupSize)) {
      for (const row of school.rows) row[roleColumn] = 'скрыто';
      notes.push(`${schoolName(schoolId)}: роль скрыта, в одной из ролей меньше ${options.minGroupSize} ответов.`);
    }
    rows.push(...school.rows);
  }
  if (leftOutSchools.length) notes.unshift(`Не включены школы, где меньше ${options.minGroupSize} ответов: ${leftOutSchools.join(', ')}.`);
  if (options.role !== undefined) notes.unshift(`Только ответы группы «${roleTitle}».`);
  if (instrument.anonymous) {
    notes.push('Строки перемешаны случайно: порядок не совпадает с порядком ответов. Дата и время ответа не выгружаются.');
    if (leftOut.length) notes.push(`Свободные ответы не выгружаются (по ним можно узнать автора): ${leftOut.join('; ')}.`);
  }
  return { headers, numFmts, rows: instrument.anonymous ? shuffle(rows) : rows, notes, leftOutSchools };
}

function csvStream(table: Table): Readable {
  return Readable.from(
    (function* () {
      yield `\uFEFF${csvLine(table.headers)}`;
      let chunk = '';
      for (const row of table.rows) {
        chunk += csvLine(row.map((c) => c ?? ''));
        if (chunk.length > 64_000) yield chunk, (chunk = '');
      }
      if (chunk) yield chunk;
    })(),
  );
}

function xlsxStream(table: Table): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  workbook.creator = 'Мера';
  void (async () => {
    const sheet = workbook.addWorksheet('Ответы', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.headers.map((header, i) => ({ header, width: i === 0 ? 12 : Math.min(40, Math.max(10, header.length / 2)), style: table.numFmts[i] ? { numFmt: table.numFmts[i] } : {} }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for (const row of table.rows) sheet.addRow(row).commit();
    sheet.commit();
    const notes = workbook.addWorksheet('Пояснения');
    notes.columns = [{ header: 'Пояснения', width: 120 }];
    for (const note of table.notes) notes.addRow([note]).commit();
    notes.commit();
    await workbook.commit();
  })().catch((err: Error) => out.destroy(err));
  return out;
}

export async function campaignResponsesExport(store: Store, campaignId: string, format: 'csv' | 'xlsx', options: ResponsesExportOptions): Promise<ResponsesExport> {
  const table = await responsesTable(store, campaignId, options);
  return format === 'csv'
    ? { fileName: `mera-responses-${campaignId}.csv`, contentType: 'text/csv; charset=utf-8', body: csvStream(table), leftOutSchools: table.leftOutSchools }
    : { fileName: `mera-responses-${campaignId}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: xlsxStream(table), leftOutSchools: table.leftOutSchools };
}
