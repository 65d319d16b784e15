// Exports of a campaign's indicator table: CSV (UTF-8 with BOM, ";" separated, as Russian Excel
// expects) and XLSX (exceljs: one sheet per table, Russian headers, number formats). Both are built
// from campaignResults, so disclosure control is already applied: a withheld value is written as
// "мало ответов" or "скрыто" (withheld so that another school cannot be computed), never as a number.
import ExcelJS from 'exceljs';
import { neutraliseCell } from '../http/csv';
import type { Store } from '../store';
import type { Target } from './indicators';
import type { LocalizedText } from '../surveys/instrument';
import { fileSlug } from './file-names';
import { diagnosticRows } from './diagnostic-sections';
import { campaignResults, type CampaignResults, type ResultValue } from './results';

const tooFewAnswers = 'мало ответов';
const hiddenForAnother = 'скрыто';

const targetText = (t: Target | null): string => (t ? `${t.op === '>' ? '>' : '≥'} ${t.value}` : '');
const metText = (v: ResultValue): string => (v.suppressed ? '' : v.met === true ? 'да' : v.met === false ? 'нет' : '');
const valueCell = (v: ResultValue): number | string =>
  v.suppressed ? (v.withheld === 'complement' ? hiddenForAnother : tooFewAnswers) : (v.value ?? '');
const changeCell = (v: ResultValue): number | string => (v.suppressed || v.change === null ? '' : v.change);

/** The cluster's indicator table: one row per indicator. */
const indicatorHeaders = ['Показатель', 'Значение', 'Целевое значение', 'Достигнуто', 'n', 'Изменение', '«да» + «частично», %'];

function indicatorRows(results: CampaignResults): (string | number)[][] {
  return results.indicators.map((i) => [
    i.title.default,
    valueCell(i.cluster),
    targetText(i.cluster.target),
    metText(i.cluster),
    i.cluster.n,
    changeCell(i.cluster),
    i.cluster.yesOrPartly ?? '',
  ]);
}

/** Per school: one row per indicator and school. */
const schoolHeaders = ['Показатель', 'Школа', 'Значение', 'Достигнуто', 'n', 'Изменение'];

function schoolRows(results: CampaignResults): (string | number)[][] {
  const names = new Map(results.schools.map((s) => [s.id, s.name?.default ?? s.number ?? s.id]));
  return results.indicators.flatMap((i) =>
    i.schools.map((s) => [
      i.title.default,
      names.get(s.schoolId) ?? s.schoolId,
      valueCell(s.value),
      metText(s.value),
      s.value.n,
      changeCell(s.value),
    ]),
  );
}

function csvCell(cell: string | number): string {
  // Numbers with a decimal comma, as Russian Excel reads them.
  const text = typeof cell === 'number' ? String(cell).replace('.', ',') : neutraliseCell(cell);
  return /[";\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV row: ";" between cells, CRLF at the end. */
export const csvLine = (row: (string | number)[]): string => `${row.map(csvCell).join(';')}\r\n`;

/** The indicator table as CSV: BOM, ";" between cells, CRLF between rows. */
function indicatorsCsv(results: CampaignResults): string {
  // The teacher diagnostic has no indicators of its own: its table is the areas' (diagnostic-sections.ts).
  if (results.deficits && results.indicators.length === 0) return `\uFEFF${diagnosticRows(results, nameOf(results)).map(csvLine).join('')}`;
  return `\uFEFF${[indicatorHeaders, ...indicatorRows(results)].map(csvLine).join('')}`;
}

const nameOf = (results: CampaignResults) => {
  const names = new Map(results.schools.map((s) => [s.id, s.name?.default ?? s.number ?? s.id]));
  return (id: string) => names.get(id) ?? id;
};

function addSheet(workbook: ExcelJS.Workbook, name: string, headers: string[], rows: (string | number)[][], widths: number[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((header, i) => ({ header, width: widths[i] ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  // Numbers: one decimal for values and changes, whole numbers for n.
  sheet.eachRow((row, index) => {
    if (index === 1) return;
    row.eachCell((cell, col) => {
      if (typeof cell.value !== 'number') return;
      cell.numFmt = headers[col - 1] === 'n' ? '0' : '0.0';
    });
  });
  return sheet;
}

/** What the table holds, said in the file: the campaign, and the school and role it is narrowed to. */
function indicatorNotes(results: CampaignResults): string[] {
  const school = results.schools.find((s) => s.id === results.filters.schoolId);
  const role = results.roles.find((r) => r.id === results.filters.role);
  return [
    `Опрос: ${results.campaign.title.default} (${results.campaign.opensOn} — ${results.campaign.closesOn}).`,
    ...(school ? [`Школа: ${school.name?.default ?? school.number ?? school.id}; на листе «Показатели» — значения кластера.`] : []),
    ...(role ? [`Группа респондентов: «${role.title.default}» — только её ответы, в кластере и в каждой школе.`] : []),
    ...(results.minGroupSize !== null
      ? [
          `Значения, рассчитанные менее чем по ${results.minGroupSize} ответам, не показываются («${tooFewAnswers}») и не входят в итоги.`,
          `«${hiddenForAnother}»: значение скрыто, чтобы по итогу и остальным значениям нельзя было вычислить другую школу или группу.`,
        ]
      : []),
  ];
}

/** The indicator table as an XLSX workbook: "Показатели" (the cluster), "По школам" and "Пояснения" (what it holds). */
async function indicatorsXlsx(results: CampaignResults): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Мера';
  addSheet(workbook, 'Показатели', indicatorHeaders, indicatorRows(results), [70, 14, 16, 12, 8, 12, 20]);
  addSheet(workbook, 'По школам', schoolHeaders, schoolRows(results), [70, 24, 14, 12, 8, 12]);
  if (results.deficits) {
    const [header, ...rows] = diagnosticRows(results, nameOf(results));
    addSheet(workbook, 'Дефициты', header.map(String), rows, [50, 24, 8, 16]);
  }
  addSheet(
    workbook,
    'Пояснения',
    ['Пояснения'],
    indicatorNotes(results).map((note) => [note]),
    [120],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A download's file name, safe in a Content-Disposition header: what it is (pokazateli, otvety,
 * spravka), the campaign's title transliterated, and the school and role it is narrowed to, so two
 * downloads of one campaign with different filters do not overwrite each other (issue 26, item 10).
 */
export const downloadFileName = (
  kind: 'indicators' | 'responses' | 'report',
  campaign: { title: LocalizedText },
  filters: { schoolId?: string | null; role?: string | null; locale?: string },
  ext: 'csv' | 'xlsx' | 'pdf',
) =>
  `mera-${kindWords[kind]}-${fileSlug(campaign.title.default)}${filters.schoolId ? `-shkola-${filters.schoolId}` : ''}${filters.role ? `-${filters.role}` : ''}${filters.locale === 'en' ? '-en' : ''}.${ext}`;

const kindWords = { indicators: 'pokazateli', responses: 'otvety', report: 'spravka' } as const;

export async function campaignIndicatorExport(
  store: Store,
  campaignId: string,
  format: 'csv' | 'xlsx',
  options: { minGroupSize: number; schoolId?: string; role?: string },
): Promise<{ body: string | Buffer; contentType: string; fileName: string }> {
  const results = await campaignResults(store, campaignId, options);
  const fileName = downloadFileName('indicators', results.campaign, results.filters, format);
  if (format === 'csv') return { body: indicatorsCsv(results), contentType: 'text/csv; charset=utf-8', fileName };
  return {
    body: await indicatorsXlsx(results),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName,
  };
}
