// The аналитическая справка of a cluster's criteria table (PDF, pdfmake): it opens with the table
// itself, criteria → indicators with target, value, met, n and the change since last year over the
// same schools, then the schools missing each indicator and the schools × indicators matrix
// (да / частично / нет). Russian formats in Russian: «30 ноября 2026 г.», decimal comma, «п.п.».
import { Readable } from 'node:stream';
import { inPdfTurn, renderPdf } from '../system/pdf';
import type { FrameworkCell, FrameworkIndicatorView, FrameworkView } from './framework-views';
import type { ReportLocale } from './report';

const words = {
  ru: {
    title: 'Аналитическая справка: критерии и показатели',
    year: (y: string) => `${y} учебный год`,
    cluster: (c: string) => `Кластер ${c}`,
    table: 'Критерии и показатели',
    no: '№',
    indicator: 'Показатель',
    target: 'Цель',
    value: 'Значение',
    met: 'Достигнуто',
    change: 'Изменение за год',
    yes: 'да',
    notMet: 'нет',
    noValue: 'нет данных',
    tooFew: 'мало ответов',
    pp: 'п.п.',
    real: 'значимо',
    chance: 'в пределах случайности',
    notAll: (n: number) => `по ${n} школам, участвовавшим в оба года`,
    summary: (met: number, notMet: number, all: number) => `Из ${all} показателей достигнуто ${met}, не достигнуто ${notMet}.`,
    method:
      'Доли школ — сплошной учёт (все школы кластера), поэтому без доверительных интервалов и проверки значимости. Для долей респондентов указан 95 % доверительный интервал Уилсона; изменение названо значимым, если z-тест для двух долей даёт p < 0,05. Изменение за год считается только по школам, участвовавшим в оба года.',
    missing: 'Школы, не достигающие показателей',
    none: 'все школы достигают',
    withheld: 'мало ответов',
    matrix: 'Школы × показатели',
    school: 'Школа',
    answers: { yes: 'да', partly: 'частично', no: 'нет' },
    noAnswer: 'нет ответа',
    notTaking: '—',
    source: 'Источник',
    made: 'Сформировано',
    page: (n: number | string, of: number | string) => `Страница ${n} из ${of}`,
  },
  en: {
    title: 'Analytic report: criteria and indicators',
    year: (y: string) => `School year ${y}`,
    cluster: (c: string) => `Cluster ${c}`,
    table: 'Criteria and indicators',
    no: 'No.',
    indicator: 'Indicator',
    target: 'Target',
    value: 'Value',
    met: 'Met',
    change: 'Change over the year',
    yes: 'yes',
    notMet: 'no',
    noValue: 'no data',
    tooFew: 'too few answers',
    pp: 'pp',
    real: 'beyond chance',
    chance: 'within chance',
    notAll: (n: number) => `over the ${n} schools taking part in both years`,
    summary: (met: number, notMet: number, all: number) => `Of ${all} indicators, ${met} met and ${notMet} not met.`,
    method:
      "Shares of schools are a census (every school of the cluster): no confidence intervals and no tests. Shares of respondents carry a 95 % Wilson interval; a change is called beyond chance when the two-proportion z-test gives p < 0.05. A year's change is computed over the schools taking part in both years only.",
    missing: 'Schools missing each indicator',
    none: 'every school meets it',
    withheld: 'too few answers',
    matrix: 'Schools × indicators',
    school: 'School',
    answers: { yes: 'yes', partly: 'partly', no: 'no' },
    noAnswer: 'no answer',
    notTaking: '—',
    source: 'Source',
    made: 'Generated',
    page: (n: number | string, of: number | string) => `Page ${n} of ${of}`,
  },
};

const colours = { met: '#2e7d3a', missed: '#b3361f', muted: '#555555', head: '#eef1f5' };

const pick = (t: { default: string; en?: string } | null | undefined, locale: ReportLocale) =>
  t ? (locale === 'en' ? (t.en ?? t.default) : t.default) : '';
const num = (locale: ReportLocale, v: number) =>
  new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { maximumFractionDigits: 1, minimumFractionDigits: 0 }).format(v);
/** A signed change: «+3,4», «−2,6», «0» (never «-0»). */
const signed = (locale: ReportLocale, v: number) => (v > 0 ? `+${num(locale, v)}` : v < 0 ? `−${num(locale, -v)}` : '0');
/** A day as people write it: «30 ноября 2026 г.», "30 November 2026". */
export const longDate = (day: string, locale: ReportLocale) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );

type Words = (typeof words)['ru'];

const head = (texts: string[]) => texts.map((text) => ({ text, bold: true, fillColor: colours.head, fontSize: 8 }));

function valueText(w: Words, locale: ReportLocale, i: FrameworkIndicatorView): string {
  if (i.suppressed) return w.tooFew;
  if (i.value === null) return w.noValue;
  const interval = i.interval ? `\n(${num(locale, i.interval.low)}–${num(locale, i.interval.high)})` : '';
  return `${num(locale, i.value)} %${interval}`;
}

function changeText(w: Words, locale: ReportLocale, i: FrameworkIndicatorView): string {
  if (!i.change) return '—';
  const parts = [`${signed(locale, i.change.value)} ${w.pp}`];
  if (i.change.test) parts.push(i.change.test.real ? w.real : w.chance);
  if (!i.change.sameSchools) parts.push(w.notAll(i.change.schools));
  return parts.join('\n');
}

function frameworkTable(view: FrameworkView, w: Words, locale: ReportLocale): unknown {
  const body: unknown[][] = [head([w.no, w.indicator, w.target, w.value, w.met, 'n', w.change])];
  for (const c of view.criteria) {
    body.push([{ text: pick(c.title, locale), colSpan: 7, bold: true, margin: [0, 3, 0, 1] }, '', '', '', '', '', '']);
    for (const i of c.indicators)
      body.push([
        String(i.number),
        pick(i.title, locale),
        pick(i.targetText, locale),
        valueText(w, locale, i),
        {
          text: i.met === true ? w.yes : i.met === false ? w.notMet : '—',
          bold: i.met !== null,
          color: i.met === true ? colours.met : i.met === false ? colours.missed : 'black',
        },
        String(i.n),
        changeText(w, locale, i),
      ]);
  }
  return {
    table: { headerRows: 1, widths: [16, '*', 55, 55, 45, 22, 70], body },
    layout: 'lightHorizontalLines',
    fontSize: 8,
    margin: [0, 4, 0, 6],
  };
}

function schoolName(view: FrameworkView, id: string, locale: ReportLocale) {
  const s = view.schools.find((x) => x.id === id);
  return s?.name ? pick(s.name, locale) : (s?.number ?? id);
}

function cellText(w: Words, locale: ReportLocale, cell: FrameworkCell): string {
  if (cell.notTaking) return w.notTaking;
  if (cell.answer !== undefined) return cell.answer ? w.answers[cell.answer] : w.noAnswer;
  if (cell.suppressed) return w.withheld;
  return cell.value === null || cell.value === undefined ? w.noAnswer : `${num(locale, cell.value)} %`;
}

function content(view: FrameworkView, locale: ReportLocale): unknown[] {
  const w = words[locale];
  const indicators = view.criteria.flatMap((c) => c.indicators);
  const criterionShort = (i: FrameworkIndicatorView) => pick(i.criterion.title, locale);
  return [
    { text: w.title, style: 'title' },
    { text: `${w.cluster(view.cluster)}: ${pick(view.title, locale)}. ${w.year(view.year)}.`, margin: [0, 0, 0, 4] },
    { text: w.summary(view.summary.met, view.summary.notMet, view.summary.indicators), bold: true },
    { text: w.table, style: 'heading' },
    frameworkTable(view, w, locale),
    { text: w.method, fontSize: 7, color: colours.muted },
    { text: w.missing, style: 'heading' },
    {
      ul: indicators.map((i) => ({
        fontSize: 8,
        text: [
          { text: `${i.number}. ${pick(i.title, locale)} `, bold: true },
          { text: `(${criterionShort(i)}): `, color: colours.muted },
          i.missing.length ? i.missing.map((id) => schoolName(view, id, locale)).join(', ') : i.value === null ? w.noValue : w.none,
          ...(i.withheld.length ? [`; ${w.withheld}: ${i.withheld.map((id) => schoolName(view, id, locale)).join(', ')}`] : []),
        ],
      })),
    },
    { text: w.matrix, style: 'heading', pageBreak: 'before', pageOrientation: 'landscape' },
    {
      table: {
        headerRows: 1,
        widths: [90, ...indicators.map(() => '*')],
        body: [
          head([w.school, ...indicators.map((i) => String(i.number))]),
          ...view.matrix.map((r) => [
            { text: schoolName(view, r.schoolId, locale), fontSize: 7 },
            ...r.cells.map((c) => ({
              text: cellText(w, locale, c),
              fontSize: 7,
              color: c.met === true ? colours.met : c.met === false ? colours.missed : 'black',
            })),
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
    },
    {
      margin: [0, 6, 0, 0],
      fontSize: 7,
      color: colours.muted,
      text: indicators.map((i) => `${i.number}. ${pick(i.title, locale)} (${criterionShort(i)})`).join('; '),
    },
  ];
}

/** The criteria table as a campaign's report opens with it (its instrument is one the table reads). */
export function frameworkOpening(view: FrameworkView, locale: ReportLocale): unknown[] {
  const w = words[locale];
  return [
    { text: `${w.table}: ${w.cluster(view.cluster)}, ${w.year(view.year)}`, style: 'heading' },
    { text: w.summary(view.summary.met, view.summary.notMet, view.summary.indicators), bold: true },
    frameworkTable(view, w, locale),
    { text: w.method, fontSize: 7, color: colours.muted },
  ];
}

/** The criteria table's own report, drawn in a child process (server/system/pdf.ts) in its turn. */
export async function frameworkReportPdf(view: FrameworkView, locale: ReportLocale, today: string): Promise<Readable> {
  const w = words[locale];
  const pdf = await inPdfTurn(() =>
    renderPdf(
      {
        info: { title: `${w.title}, ${view.year}`, creator: 'Мера' },
        pageSize: 'A4',
        pageMargins: [36, 36, 36, 46],
        content: content(view, locale),
        defaultStyle: { font: 'Roboto', fontSize: 9 },
        styles: { title: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] }, heading: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] } },
      } as never,
      // The page numbers as data: the worker fills them in.
      {
        left: `${w.made} ${longDate(today, locale)}`,
        right: w.page('{page}', '{pages}'),
        fontSize: 7,
        color: colours.muted,
        margin: [36, 18, 36, 0],
      },
    ),
  );
  return Readable.from([pdf]);
}
