// The criteria table as files: CSV (UTF-8 with BOM, ";" separated, decimal comma, as Russian Excel
// reads it) and XLSX (a sheet of indicators, a sheet of schools × indicators). Named for what they
// hold: «mera-pokazateli-2026-27.csv».
import ExcelJS from 'exceljs';
import { csvLine } from './exports';
import type { FrameworkCell, FrameworkView } from './framework-views';

const answerWords = { yes: 'да', partly: 'частично', no: 'нет' } as const;

export const frameworkFileName = (year: string, format: 'csv' | 'xlsx' | 'pdf') => `mera-pokazateli-${year.replace('/', '-')}.${format}`;

const headers = [
  'Критерий',
  '№',
  'Показатель',
  'Целевое значение',
  'Значение, %',
  '95% интервал, %',
  'n',
  'Достигнуто',
  'Изменение за год, п.п.',
  'Школ в сравнении',
  'Изменение вне случайности',
  'Не достигают',
];

const schoolName = (view: FrameworkView, id: string) => {
  const s = view.schools.find((x) => x.id === id);
  return s?.name?.default ?? s?.number ?? id;
};

function rows(view: FrameworkView): (string | number)[][] {
  return view.criteria.flatMap((c) =>
    c.indicators.map((i) => [
      c.title.default,
      i.number,
      i.title.default,
      i.targetText.default,
      i.suppressed ? 'мало ответов' : (i.value ?? ''),
      i.interval ? `${String(i.interval.low).replace('.', ',')}–${String(i.interval.high).replace('.', ',')}` : '',
      i.n,
      i.met === true ? 'да' : i.met === false ? 'нет' : '',
      i.change?.value ?? '',
      i.change ? `${i.change.schools}${i.change.sameSchools ? '' : ' (не все школы)'}` : '',
      i.change?.test ? (i.change.test.real ? 'да' : 'нет') : '',
      i.missing.map((id) => schoolName(view, id)).join(', '),
    ]),
  );
}

const cellText = (cell: FrameworkCell): string | number => {
  if (cell.notTaking) return '';
  if (cell.answer !== undefined) return cell.answer ? answerWords[cell.answer] : 'нет ответа';
  if (cell.suppressed) return 'мало ответов';
  return cell.value ?? 'нет ответов';
};

function matrixRows(view: FrameworkView): { header: string[]; rows: (string | number)[][] } {
  const indicators = view.criteria.flatMap((c) => c.indicators);
  return {
    header: ['Школа', ...indicators.map((i) => `${i.number}. ${i.title.default} (${i.criterion.id === 'internal' ? 'внутр.' : 'внешн.'})`)],
    rows: view.matrix.map((r) => [schoolName(view, r.schoolId), ...r.cells.map(cellText)]),
  };
}

export function frameworkCsv(view: FrameworkView): string {
  const matrix = matrixRows(view);
  const lines = [
    [`Критерии и показатели ${view.cluster}: ${view.title.default}, ${view.year} учебный год`],
    headers,
    ...rows(view),
    [],
    ['Школы × показатели'],
    matrix.header,
    ...matrix.rows,
  ];
  return `\uFEFF${lines.map(csvLine).join('')}`;
}

export async function frameworkXlsx(view: FrameworkView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Мера';
  const sheet = workbook.addWorksheet('Показатели', { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = [40, 5, 70, 16, 12, 16, 8, 12, 14, 14, 14, 40];
  sheet.columns = headers.map((header, i) => ({ header, width: widths[i] }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows(view)) sheet.addRow(row);
  sheet.eachRow((row, index) => {
    if (index === 1) return;
    row.eachCell((cell, col) => {
      if (typeof cell.value === 'number') cell.numFmt = headers[col - 1] === 'n' || headers[col - 1] === '№' ? '0' : '0.0';
    });
  });
  const matrix = matrixRows(view);
  const schools = workbook.addWorksheet('Школы × показатели', { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  schools.columns = matrix.header.map((header, i) => ({ header, width: i === 0 ? 28 : 14 }));
  schools.getRow(1).font = { bold: true };
  schools.getRow(1).alignment = { wrapText: true, vertical: 'top' };
  for (const row of matrix.rows) schools.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
