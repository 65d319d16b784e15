// Export of a campaign's responses, one row per response, as CSV (UTF-8 with BOM, ";") or XLSX.
// Anonymity rules (docs/privacy-and-security.md), decided by disclosure control (server/disclosure/):
// rows in random order, never the order of submission; no id, token, address, device or day for
// anonymous surveys; a school withheld on the results page, or with fewer answers than the minimum
// group, is left out (and named in the notes), and so are answers not yet in the published values;
// the role column is blanked in a school where a role is withheld; free text only where the
// instrument allows it, from schools of at least 10 rows.
// Large campaigns: a first pass reads only ids, schools and roles (to decide what is left out and to
// shuffle the ids); the second fetches the responses a batch of shuffled ids at a time and writes
// each row to the response as it comes, so no more than one batch of answers is held at once.
import crypto from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { findCampaign } from '../campaigns/planning';
import { freeTextMinGroup, mayExportFreeText, publishedRespondents, rowExclusion } from '../disclosure';
import { problem } from '../errors';
import { responsesByIds, streamResponses } from '../responses/read';
import { listSchools } from '../schools/service';
import type { Store } from '../store';
import { getInstrument } from '../surveys/catalogue';
import { countRows, dynamicQuestions, exportColumns } from './export-columns';
import { csvLine, downloadFileName } from './exports';
import { groupId, roleQuestion } from './rollups';
import { campaignResults, rolesOf, type CampaignResults } from './results';

type Cell = string | number | null;
type Answers = Record<string, unknown>;

type Text = string | { default?: string; [locale: string]: string | undefined } | undefined;
const ru = (text: Text, fallback: string): string => (typeof text === 'string' ? text : (text?.default ?? fallback));

/** Fisher–Yates with a cryptographic source: nobody can recover the order of submission from the file. */
function shuffle<T>(items: T[]): T[] {
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
  /** Headers and choice labels in this language (Russian by default). */
  locale?: 'ru' | 'en';
  /** CSV: the stored values under their keys instead of labels under titles. */
  codes?: boolean;
}

/**
 * Responses fetched per batch of the second pass: the most answers an export holds at once. Small,
 * because the embedded engine checks `$in` against the whole list for every candidate (a batch
 * costs its size squared): 500 took 3.3 times as long as one read of everything, 100 about 2.3.
 */
const exportBatchSize = 100;

/** What an export writes, decided before any row is: the columns, the notes and the ids in the order of the rows. */
export interface ExportPlan {
  headers: string[];
  numFmts: (string | undefined)[];
  notes: string[];
  leftOutSchools: string[];
  /** The responses to write, in the file's order: shuffled for anonymous surveys, by school for school forms. */
  ids: string[];
  /** Schools whose rows show "скрыто" for the role. */
  roleHidden: Set<string>;
  /** Where the role's column is (-1: none). */
  roleColumn: number;
  row(response: { schoolId: string; day: string; answers: Answers }): Cell[];
  /** The codes sheet (XLSX) or the CSV's codes option: stored values under their keys. */
  codeHeaders: string[];
  codeRow(response: { schoolId: string; day: string; answers: Answers }): Cell[];
  codes: boolean;
}

/**
 * The schools the results page withholds (any value, any reason: absent from every export) and
 * those where a role's value is withheld, for the same role filter.
 */
async function disclosedSchools(
  store: Store,
  campaignId: string,
  minGroupSize: number,
  role: string | undefined,
): Promise<{ withheld: Set<string>; splitWithheld: Set<string> }> {
  const results: CampaignResults = await campaignResults(store, campaignId, { minGroupSize, role });
  const withheld = new Set<string>();
  const splitWithheld = new Set<string>();
  const isWithheld = (v: { suppressed: boolean; n: number }) => v.suppressed && v.n > 0;
  for (const i of results.indicators) {
    for (const s of i.schools) if (isWithheld(s.value)) withheld.add(s.schoolId);
    for (const r of i.roles ?? []) for (const s of r.schools) if (isWithheld(s.value)) splitWithheld.add(s.schoolId);
  }
  return { withheld, splitWithheld };
}

/** The first pass: ids, schools and roles only (never the answers), and every decision of the anonymity rules. */
async function planResponsesExport(store: Store, campaignId: string, options: ResponsesExportOptions): Promise<ExportPlan> {
  const campaign = await findCampaign(store, campaignId);
  if (!campaign) throw problem('campaign.not_found', { field: 'id' });
  if (options.schoolId !== undefined && !campaign.schoolIds.includes(options.schoolId)) {
    throw problem('results.school_not_in_campaign', { field: 'school', values: { school: options.schoolId } });
  }
  const { instrument } = await getInstrument(store, campaign.instrumentId, campaign.instrumentVersion);
  const schoolForm = instrument.respondentType === 'school';
  if (!instrument.anonymous && !schoolForm) {
    throw problem('export.personal_responses', { field: 'id' });
  }
  const roles = rolesOf(instrument);
  if (options.role !== undefined && !roles.some((r) => r.id === options.role)) {
    throw problem('results.role_unknown', {
      field: 'role',
      values: {
        reason: roles.length
          ? `"${options.role}" is not a role of this campaign's respondents (${roles.map((r) => r.id).join(', ')}).`
          : 'This campaign\'s respondents answer without a role: leave out "role".',
      },
    });
  }
  const locale = options.locale ?? 'ru';
  const dynamic = dynamicQuestions(instrument);
  const counts = new Map<string, number>();
  const schools = new Map((await listSchools(store)).map((s) => [s._id, ru(s.shortName as Text, `№ ${s.number}`)]));
  const schoolName = (id: string) => schools.get(id) ?? id;

  // Per school and role, the ids of its responses: small strings, whatever the answers weigh.
  const bySchool = new Map<string, Map<string, string[]>>();
  const selection = { campaignId, schoolId: options.schoolId };
  // Dynamic matrices and panels are read too: their longest row or panel count decides the columns.
  const fields = ['schoolId', `answers.${roleQuestion}`, ...dynamic.map((name) => `answers.${name}`)];
  for await (const response of streamResponses(store, selection, { fields })) {
    if (dynamic.length && response.answers) countRows(instrument, response.answers, counts);
    let school = bySchool.get(response.schoolId);
    if (!school) bySchool.set(response.schoolId, (school = new Map()));
    const answered = response.answers?.[roleQuestion];
    const role = typeof answered === 'string' ? answered : '';
    let ids = school.get(role);
    if (!ids) school.set(role, (ids = []));
    ids.push(response._id);
  }

  const { columns, leftOut } = exportColumns(instrument, { locale, counts });
  const lead = locale === 'en' ? ['School', ...(schoolForm ? ['Day'] : [])] : ['Школа', ...(schoolForm ? ['День'] : [])];
  const headers = [...lead, ...columns.map((c) => c.header)];
  const numFmts = [undefined, ...(schoolForm ? [undefined] : []), ...columns.map((c) => c.numFmt)];
  const roleAt = columns.findIndex((c) => c.question === roleQuestion);
  const roleColumn = roleAt < 0 ? -1 : roleAt + headers.length - columns.length;
  const min = options.minGroupSize;
  const roleTitle = roles.find((r) => r.id === options.role)?.title.default ?? options.role;
  const notes: string[] = [];
  const leftOutSchools: string[] = [];
  const roleHidden = new Set<string>();
  const ids: string[] = [];
  const rowsOf = new Map<string, number>();
  const ordered = campaign.schoolIds
    .filter((id) => bySchool.has(id))
    .concat([...bySchool.keys()].filter((id) => !campaign.schoolIds.includes(id)));
  // Disclosure control: the page's decisions (with the same role filter), and what is published.
  const page = instrument.anonymous ? await disclosedSchools(store, campaignId, min, options.role) : undefined;
  const published = instrument.anonymous ? await publishedRespondents(store, campaignId) : new Map<string, number>();
  let unpublished = 0;
  for (const schoolId of ordered) {
    const school = bySchool.get(schoolId)!;
    const counts = [...school.entries()].map(([role, list]) => [role, list.length] as const);
    const total = counts.reduce((sum, [, n]) => sum + n, 0);
    if (!instrument.anonymous || !page) {
      for (const [, list] of school) ids.push(...list);
      rowsOf.set(schoolId, total);
      continue;
    }
    const rule = { minGroup: min, withheldSchools: page.withheld, published };
    if (options.role !== undefined) {
      // One role's rows: the role × school split follows the minimum group, and so does the rest of
      // the school (a small other role would be this file's rows subtracted from the whole export's).
      const own = school.get(options.role) ?? [];
      if (own.length === 0) continue;
      const small = own.length < min;
      const smallOther = counts.some(([r, n]) => r !== options.role && n < min) || page.splitWithheld.has(schoolId);
      if (small || smallOther || page.withheld.has(schoolId)) {
        leftOutSchools.push(
          small
            ? `${schoolName(schoolId)} (в группе «${roleTitle}» меньше ${min} ответов)`
            : smallOther
              ? `${schoolName(schoolId)} (в другой группе меньше ${min} ответов)`
              : `${schoolName(schoolId)} (скрыта на странице результатов)`,
        );
        continue;
      }
      const excluded = rowExclusion(
        { schoolId, role: options.role, groupId: groupId(campaignId, schoolId, options.role), rows: own.length },
        total,
        rule,
      );
      if (excluded === 'unpublished') unpublished += own.length;
      else {
        ids.push(...own);
        rowsOf.set(schoolId, own.length);
      }
      continue;
    }
    if (total < min || page.withheld.has(schoolId)) {
      leftOutSchools.push(
        total < min ? `${schoolName(schoolId)} (меньше ${min} ответов)` : `${schoolName(schoolId)} (скрыта на странице результатов)`,
      );
      continue;
    }
    // A role withheld in this school (too few answers, or beside one that is): nobody's role is shown
    // there (blanking only the small role's would point at it).
    if (roleColumn >= 0 && counts.length > 1 && (counts.some(([, n]) => n < min) || page.splitWithheld.has(schoolId))) {
      roleHidden.add(schoolId);
      notes.push(`${schoolName(schoolId)}: роль скрыта, в одной из ролей меньше ${min} ответов.`);
    }
    // Only rows already in the published values: the file minus the page gives nothing away.
    let rows = 0;
    for (const [role, list] of school) {
      const excluded = rowExclusion({ schoolId, role, groupId: groupId(campaignId, schoolId, role), rows: list.length }, total, rule);
      if (excluded === null) {
        ids.push(...list);
        rows += list.length;
      } else unpublished += list.length;
    }
    rowsOf.set(schoolId, rows);
  }
  if (unpublished > 0)
    notes.push(
      `Не выгружены ${unpublished} ответов, ещё не вошедших в опубликованные значения: значения группы обновляются, когда в ней прибавится не меньше ${min} ответов.`,
    );
  if (leftOutSchools.length) notes.unshift(`Не включены школы, где меньше ${min} ответов: ${leftOutSchools.join(', ')}.`);
  if (options.role !== undefined) notes.unshift(`Только ответы группы «${roleTitle}».`);
  if (instrument.anonymous) {
    notes.push('Строки перемешаны случайно: порядок не совпадает с порядком ответов. Дата и время ответа не выгружаются.');
    if (leftOut.length) notes.push(`Свободные ответы не выгружаются (по ним можно узнать автора): ${leftOut.join('; ')}.`);
    if (columns.some((c) => c.freeText))
      notes.push(`Свободные ответы выгружаются только по школам, где в выгрузке не меньше ${freeTextMinGroup} ответов.`);
  }
  return {
    headers,
    numFmts,
    notes,
    leftOutSchools,
    // The whole order is drawn here, over every id, before any row is read: batches of this order
    // are random samples of the campaign, not stretches of its submissions.
    ids: instrument.anonymous ? shuffle(ids) : ids,
    roleHidden,
    roleColumn,
    row: (response) => {
      const freeText = mayExportFreeText(instrument, rowsOf.get(response.schoolId) ?? 0);
      return [
        schoolName(response.schoolId),
        ...(schoolForm ? [response.day] : []),
        ...columns.map((c) => (c.freeText && !freeText ? null : c.cell(response.answers))),
      ];
    },
    codeHeaders: ['school', ...(schoolForm ? ['day'] : []), ...columns.map((c) => c.key)],
    codeRow: (response) => {
      const freeText = mayExportFreeText(instrument, rowsOf.get(response.schoolId) ?? 0);
      return [
        response.schoolId,
        ...(schoolForm ? [response.day] : []),
        ...columns.map((c) => (c.freeText && !freeText ? null : c.code(response.answers))),
      ];
    },
    codes: options.codes === true,
  };
}

/** The second pass: the rows in the plan's order, fetched a batch of ids at a time. */
async function* exportRows(store: Store, plan: ExportPlan, batchSize = exportBatchSize): AsyncGenerator<[Cell[], Cell[]]> {
  for (let start = 0; start < plan.ids.length; start += batchSize) {
    const batch = plan.ids.slice(start, start + batchSize);
    const found = new Map((await responsesByIds(store, batch, ['schoolId', 'day', 'answers'])).map((r) => [r._id, r]));
    for (const id of batch) {
      const response = found.get(id);
      if (!response) continue; // removed since the first pass
      const row = plan.row(response);
      const codes = plan.codeRow(response);
      if (plan.roleColumn >= 0 && plan.roleHidden.has(response.schoolId)) {
        row[plan.roleColumn] = 'скрыто';
        codes[plan.roleColumn] = 'hidden';
      }
      yield [row, codes];
    }
  }
}

function csvStream(store: Store, plan: ExportPlan): Readable {
  return Readable.from(
    (async function* () {
      yield `\uFEFF${csvLine(plan.codes ? plan.codeHeaders : plan.headers)}`;
      let chunk = '';
      for await (const [row, codes] of exportRows(store, plan)) {
        chunk += csvLine((plan.codes ? codes : row).map((c) => c ?? ''));
        if (chunk.length > 64_000) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    })(),
  );
}

function xlsxStream(store: Store, plan: ExportPlan): Readable {
  const out = new PassThrough();
  // exceljs's streaming writer: committed rows go to the zip and on to the response, not kept.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  workbook.creator = 'Мера';
  void (async () => {
    const sheet = workbook.addWorksheet('Ответы', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = plan.headers.map((header, i) => ({
      header,
      width: i === 0 ? 12 : Math.min(40, Math.max(10, header.length / 2)),
      style: plan.numFmts[i] ? { numFmt: plan.numFmts[i] } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    // The stored values under their keys, row for row (for analysis in other tools).
    const codeSheet = workbook.addWorksheet('Коды', { views: [{ state: 'frozen', ySplit: 1 }] });
    codeSheet.columns = plan.codeHeaders.map((header) => ({ header, width: Math.min(40, Math.max(10, header.length)) }));
    codeSheet.getRow(1).commit();
    let written = 0;
    for await (const [row, codes] of exportRows(store, plan)) {
      sheet.addRow(row).commit();
      codeSheet.addRow(codes).commit();
      // A slow reader: wait for it rather than pile the file up in memory.
      if (++written % exportBatchSize === 0 && out.writableNeedDrain) await once(out, 'drain');
    }
    sheet.commit();
    codeSheet.commit();
    const notes = workbook.addWorksheet('Пояснения');
    notes.columns = [{ header: 'Пояснения', width: 120 }];
    for (const note of plan.notes) notes.addRow([note]).commit();
    notes.commit();
    await workbook.commit();
  })().catch((err: Error) => out.destroy(err));
  return out;
}

export async function campaignResponsesExport(
  store: Store,
  campaignId: string,
  format: 'csv' | 'xlsx',
  options: ResponsesExportOptions,
): Promise<ResponsesExport> {
  const plan = await planResponsesExport(store, campaignId, options);
  const campaign = (await findCampaign(store, campaignId))!;
  return format === 'csv'
    ? {
        fileName: downloadFileName('responses', campaign, options, 'csv'),
        contentType: 'text/csv; charset=utf-8',
        body: csvStream(store, plan),
        leftOutSchools: plan.leftOutSchools,
      }
    : {
        fileName: downloadFileName('responses', campaign, options, 'xlsx'),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: xlsxStream(store, plan),
        leftOutSchools: plan.leftOutSchools,
      };
}
