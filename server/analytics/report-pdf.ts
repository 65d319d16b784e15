// The аналитическая справка drawn as a PDF (pdfmake 0.3 with its Roboto fonts, which cover
// Cyrillic; no network or file access beyond the font files). Charts are vector: a bar per school
// (or per indicator) against a dashed target line. Returned as pdfkit's stream, so the route pipes
// it to the response as it is written.
import type { Guarded } from './question-views';
import { Readable } from 'node:stream';
import { inPdfTurn, renderPdf } from '../system/pdf';
import type { Target } from './indicators';
import { campaignReportData, pick, type ReportData, type ReportLocale, type ReportOptions } from './report';
import type { IndicatorResult, ResultValue } from './results';
import type { Store } from '../store';
import { downloadFileName } from './exports';
import { frameworkOpening, longDate } from './framework-report';
import { defaultCluster, frameworks } from './framework-data';
import { frameworkFor } from './framework';
import { diagnosticReportSections } from './diagnostic-sections';

const words = {
  ru: {
    title: 'Аналитическая справка',
    facts: 'Сведения о кампании',
    instrument: 'Инструмент',
    period: 'Сроки',
    status: 'Статус',
    statuses: { open: 'идёт', closed: 'завершена', planned: 'запланирована' } as Record<string, string>,
    schools: 'Школ участвует',
    responses: 'Получено ответов (форм)',
    minGroup: 'Минимальная группа',
    minGroupNote: (n: number) => `значения, рассчитанные менее чем по ${n} ответам, не показываются («мало ответов»)`,
    previous: 'Предыдущая кампания',
    none: 'нет',
    school: 'Школа',
    role: 'Группа респондентов',
    roleNote: (role: string) => `только ответы группы «${role}»; значения по школам — только где в группе не меньше минимальной группы`,
    ownSchoolNote: 'Справка по одной школе: значения школы рядом со значениями кластера.',
    indicators: 'Показатели',
    indicator: 'Показатель',
    indicatorNo: 'Показатель',
    value: 'Значение',
    cluster: 'Кластер',
    target: 'Цель',
    met: 'Достигнуто',
    yes: 'да',
    no: 'нет',
    change: 'Изменение',
    tooFew: 'мало ответов',
    hidden: 'скрыто, чтобы нельзя было вычислить другую школу',
    schoolsNeeded: (need: number, of: number) => `цель требует ${need} из ${of} школ`,
    charts: 'Диаграммы',
    chartCluster: 'Значения кластера и целевые значения (пунктир — цель)',
    chartSchools: (t: string) => `${t}: по школам`,
    targetLine: 'пунктир — цель',
    meanLine: 'пунктир — среднее по кластеру',
    outcomes: 'Школы, достигшие и не достигшие целевых значений',
    meeting: 'Достигли',
    missing: 'Не достигли',
    unknown: 'Не оценено (мало ответов или нет данных)',
    problems: 'Общие и частные проблемы',
    common: 'Общие проблемы (цель не достигнута в двух школах и более)',
    particular: 'Частные проблемы (цель не достигнута в одной школе)',
    ownProblems: 'Целевые значения, не достигнутые школой',
    noProblems: 'Нет целевых значений, которые школа не достигла бы (из тех, о которых можно судить).',
    up: 'рост',
    down: 'снижение',
    same: 'без изменений',
    seminarPlan: 'План семинаров (направления по числу педагогов с дефицитом)',
    area: 'Направление',
    inDeficit: 'Педагогов с дефицитом',
    perSchool: 'По школам',
    canTeach: 'Могут обучать других',
    dynamics: 'Динамика за три года',
    clusterMean: 'Среднее по кластеру',
    trend: 'Динамика',
    problemsCauses: 'Проблемы и причины (по данным школ)',
    questions: 'Ответы по вопросам',
    answered: 'ответили',
    withheld: 'меньше минимума ответов — не показано',
    freeText: 'свободные ответы не показываются',
    meanRank: 'средний ранг',
    stats: ['среднее', 'медиана', 'минимум', 'максимум'],
    made: 'Сформировано',
    page: (n: number | string, of: number | string) => `Страница ${n} из ${of}`,
  },
  en: {
    title: 'Analytic report',
    facts: 'The campaign',
    instrument: 'Instrument',
    period: 'Dates',
    status: 'Status',
    statuses: { open: 'open', closed: 'closed', planned: 'planned' } as Record<string, string>,
    schools: 'Schools taking part',
    responses: 'Responses (forms) received',
    minGroup: 'Minimum group',
    minGroupNote: (n: number) => `values computed from fewer than ${n} answers are withheld ("too few answers")`,
    previous: 'Previous campaign',
    none: 'none',
    school: 'School',
    role: 'Respondent group',
    roleNote: (role: string) =>
      `only the answers of the group "${role}"; values by school only where the group is at least the minimum group`,
    ownSchoolNote: "One school's report: the school's values beside the cluster's.",
    indicators: 'Indicators',
    indicator: 'Indicator',
    indicatorNo: 'Indicator',
    value: 'Value',
    cluster: 'Cluster',
    target: 'Target',
    met: 'Met',
    yes: 'yes',
    no: 'no',
    change: 'Change',
    tooFew: 'too few answers',
    hidden: 'hidden so that another school cannot be computed',
    schoolsNeeded: (need: number, of: number) => `the target takes ${need} of ${of} schools`,
    charts: 'Charts',
    chartCluster: "The cluster's values and targets (dashed: target)",
    chartSchools: (t: string) => `${t}: by school`,
    targetLine: 'dashed: target',
    meanLine: "dashed: the cluster's mean",
    outcomes: 'Schools meeting and missing each target',
    meeting: 'Meeting',
    missing: 'Missing',
    unknown: 'Not judged (too few answers or no data)',
    problems: 'Common and particular problems',
    common: 'Common problems (target missed by two or more schools)',
    particular: 'Particular problems (target missed by one school)',
    ownProblems: 'Targets the school misses',
    noProblems: 'No target is known to be missed by a school.',
    up: 'up',
    down: 'down',
    same: 'no change',
    seminarPlan: 'Seminar plan (areas by the number of teachers in deficit)',
    area: 'Area',
    inDeficit: 'Teachers in deficit',
    perSchool: 'By school',
    canTeach: 'Can teach others',
    dynamics: 'Three-year dynamics',
    clusterMean: "Cluster's mean",
    trend: 'Trend',
    problemsCauses: "Problems and causes (the schools' own words)",
    questions: 'Answers question by question',
    answered: 'answered',
    withheld: 'fewer answers than the minimum — not shown',
    freeText: 'free-text answers are not shown',
    meanRank: 'mean rank',
    stats: ['mean', 'median', 'minimum', 'maximum'],
    made: 'Generated',
    page: (n: number | string, of: number | string) => `Page ${n} of ${of}`,
  },
};
type Words = (typeof words)['ru'];

const colours = { met: '#2e7d3a', missed: '#b3361f', neutral: '#1f5fae', track: '#e6e9ee', line: '#222222', muted: '#555555' };

/** One rounding everywhere (the page's): one decimal. */
const formatNumber = (locale: ReportLocale, v: number) =>
  new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { maximumFractionDigits: 1 }).format(v);
const targetText = (t: Target | null) => (t ? `${t.op === '>' ? '>' : '≥'} ${t.value}` : '—');

function valueText(w: Words, locale: ReportLocale, v: ResultValue): string {
  if (v.suppressed) return v.withheld === 'complement' ? w.hidden : w.tooFew;
  return v.value === null || v.value === undefined ? '—' : formatNumber(locale, v.value);
}
const metText = (w: Words, v: ResultValue) => (v.suppressed || v.met === null || v.met === undefined ? '—' : v.met ? w.yes : w.no);
/** A signed change, never «-0»: «+3,4», «−2,6», «0». */
function changeText(locale: ReportLocale, v: ResultValue): string {
  if (v.suppressed || v.change === null || v.change === undefined) return '—';
  const shown = formatNumber(locale, Math.abs(v.change));
  return `${shown === '0' ? '' : v.change > 0 ? '+' : '−'}${shown}`;
}

const barWidth = 220;
const barHeight = 10;

/** One row of a bar chart: the label, a bar from 0 to max with the reference line drawn across the row, the value. */
function barRow(label: string, value: number | null, max: number, reference: number | null, colour: string, text: string): unknown[] {
  const shapes: unknown[] = [{ type: 'rect', x: 0, y: 2, w: barWidth, h: barHeight, color: colours.track }];
  if (value !== null)
    shapes.push({ type: 'rect', x: 0, y: 2, w: Math.max(0.5, (Math.max(0, value) / max) * barWidth), h: barHeight, color: colour });
  if (reference !== null) {
    const x = (reference / max) * barWidth;
    // From the top to the bottom of the row (paddings included), so the rows draw one dashed line.
    shapes.push({
      type: 'line',
      x1: x,
      y1: -2,
      x2: x,
      y2: barHeight + 6,
      lineWidth: 1.2,
      lineColor: colours.line,
      dash: { length: 3, space: 2 },
    });
  }
  return [{ text: label, fontSize: 8 }, { canvas: shapes }, { text, fontSize: 8, alignment: 'right' }];
}

function barChart(title: string, note: string, rows: unknown[][]): unknown {
  return {
    unbreakable: true,
    margin: [0, 6, 0, 8],
    stack: [
      { text: title, bold: true, fontSize: 9, margin: [0, 0, 0, 1] },
      { text: note, fontSize: 7, color: colours.muted, margin: [0, 0, 0, 3] },
      {
        table: { widths: [170, barWidth, 60], body: rows },
        layout: 'compact', // no lines, 1 pt above and below (server/system/pdf.ts)
      },
    ],
  };
}

const percentKinds = new Set(['share-of-schools', 'share-positive', 'derived-share']);
const barColour = (v: ResultValue) => (v.met === true ? colours.met : v.met === false ? colours.missed : colours.neutral);

function charts(data: ReportData, w: Words): unknown[] {
  const { locale, results } = data;
  const out: unknown[] = [];
  const withTargets = results.indicators.filter((i) => i.cluster.target && percentKinds.has(i.kind));
  if (withTargets.length) {
    // Labelled by the indicator's number in the table: one line per row keeps the target line whole.
    const number = (i: IndicatorResult) => `${w.indicatorNo} ${results.indicators.indexOf(i) + 1}`;
    out.push(
      barChart(
        w.chartCluster,
        w.targetLine,
        withTargets.map((i) =>
          barRow(
            number(i),
            i.cluster.suppressed ? null : i.cluster.value,
            100,
            i.cluster.target!.value,
            barColour(i.cluster),
            valueText(w, locale, i.cluster),
          ),
        ),
      ),
    );
  }
  // Per school: answer-based indicators and monitoring figures (a checklist school's value is its own yes or no).
  for (const i of results.indicators.filter((x) => x.kind !== 'share-of-schools' && x.schools.length > 0)) {
    // Rows stay when every value is withheld: the reader sees "too few answers" per school.
    const values = i.schools
      .map((s) => (s.value.suppressed ? null : s.value.value))
      .filter((v): v is number => v !== null && v !== undefined);
    const reference = i.cluster.target ? i.cluster.target.value : i.cluster.suppressed ? null : i.cluster.value;
    const max = percentKinds.has(i.kind) ? 100 : Math.max(...values, reference ?? 0) * 1.1 || 1;
    const rows = i.schools.map((s) =>
      barRow(
        data.schoolName(s.schoolId),
        s.value.suppressed ? null : (s.value.value ?? null),
        max,
        reference,
        barColour(s.value),
        valueText(w, locale, s.value),
      ),
    );
    out.push(barChart(w.chartSchools(pick(i.title, locale)), i.cluster.target ? w.targetLine : w.meanLine, rows));
  }
  return out;
}

const header = (cells: string[]) => cells.map((text) => ({ text, bold: true, fontSize: 8 }));
const cell = (text: string, extra: Record<string, unknown> = {}) => ({ text, fontSize: 8, ...extra });

function indicatorTable(data: ReportData, w: Words): unknown {
  const { locale, results } = data;
  const own = data.ownSchool;
  const body: unknown[][] = [
    header(['№', w.indicator, own ? w.cluster : w.value, ...(own ? [data.schoolName(own)] : []), w.target, w.met, 'n', w.change]),
  ];
  for (const [n, i] of results.indicators.entries()) {
    const ownValue = own ? i.schools.find((s) => s.schoolId === own)?.value : undefined;
    const title = [
      { text: pick(i.title, locale) },
      ...(i.cluster.schoolsNeeded ? [{ text: ` (${w.schoolsNeeded(i.cluster.schoolsNeeded, i.cluster.n)})`, color: colours.muted }] : []),
    ];
    body.push([
      cell(String(n + 1)),
      cell('', { text: title }),
      cell(valueText(w, locale, i.cluster)),
      ...(own ? [cell(ownValue ? valueText(w, locale, ownValue) : '—')] : []),
      cell(targetText(i.cluster.target)),
      cell(metText(w, i.cluster), {
        color: i.cluster.met === true ? colours.met : i.cluster.met === false ? colours.missed : 'black',
        bold: i.cluster.met !== null,
      }),
      cell(String(i.cluster.n)),
      cell(changeText(locale, i.cluster)),
    ]);
  }
  return {
    table: { headerRows: 1, widths: [16, '*', 50, ...(own ? [50] : []), 40, 45, 28, 45], body },
    layout: 'lightHorizontalLines',
    margin: [0, 4, 0, 8],
  };
}

function list(title: string, items: string[]): unknown {
  return { stack: [{ text: title, bold: true, fontSize: 9, margin: [0, 4, 0, 2] }, { ul: items.map((t) => ({ text: t, fontSize: 8 })) }] };
}

function content(data: ReportData): unknown[] {
  const { locale, results } = data;
  const w = words[locale];
  const c = results.campaign;
  const facts: [string, string][] = [
    [w.instrument, data.instrumentTitle],
    [w.period, `${longDate(c.opensOn, locale)} — ${longDate(c.closesOn, locale)}`],
    [w.status, w.statuses[c.status] ?? c.status],
    ...(data.ownSchool ? [] : [[w.schools, String(results.schools.length)] as [string, string]]),
    [w.responses, String(results.respondents)],
    ...(results.minGroupSize ? [[w.minGroup, `${results.minGroupSize}: ${w.minGroupNote(results.minGroupSize)}`] as [string, string]] : []),
    [
      w.previous,
      results.previousCampaign
        ? `${pick(results.previousCampaign.title, locale)} (${longDate(results.previousCampaign.opensOn, locale)})`
        : w.none,
    ],
    ...(data.ownSchool ? [[w.school, data.schoolName(data.ownSchool)] as [string, string]] : []),
    ...(data.role ? [[w.role, w.roleNote(data.role)] as [string, string]] : []),
  ];
  // Sections are numbered in the order they appear (a diagnostic's report starts with its seminar plan).
  let section = 0;
  const heading = (text: string) => ({ text: `${++section}. ${text}`, style: 'heading' });
  /** A heading kept on the page of the block that follows it. */
  const headed = (text: string, block: unknown) => ({ unbreakable: true, stack: [heading(text), block] });
  const out: unknown[] = [
    { text: w.title, style: 'title' },
    { text: pick(c.title, locale), fontSize: 12, margin: [0, 0, 0, 8] },
    { text: w.facts, style: 'heading' },
    { table: { widths: [150, '*'], body: facts.map(([k, v]) => [cell(k, { bold: true }), cell(v)]) }, layout: 'noBorders' },
    ...(data.ownSchool ? [{ text: w.ownSchoolNote, fontSize: 8, color: colours.muted, margin: [0, 4, 0, 0] }] : []),
  ];
  if (results.indicators.length) {
    out.push(heading(w.indicators), indicatorTable(data, w));
    const [first, ...more] = charts(data, w);
    // The heading stays on the page of its first chart.
    if (first) out.push(headed(w.charts, first), ...more);
  }
  if (data.outcomes.length) {
    if (!data.ownSchool) {
      for (const [n, o] of data.outcomes.entries()) {
        const block = {
          margin: [0, 2, 0, 4],
          unbreakable: true,
          stack: [
            { text: o.title, bold: true, fontSize: 9 },
            { text: [{ text: `${w.meeting}: `, color: colours.met, bold: true }, o.meeting.join(', ') || '—'], fontSize: 8 },
            { text: [{ text: `${w.missing}: `, color: colours.missed, bold: true }, o.missing.join(', ') || '—'], fontSize: 8 },
            ...(o.unknown.length ? [{ text: `${w.unknown}: ${o.unknown.join(', ')}`, fontSize: 8, color: colours.muted }] : []),
          ],
        };
        out.push(n === 0 ? headed(w.outcomes, block) : block);
      }
      const problems: unknown[] = [];
      if (data.commonProblems.length)
        problems.push(
          list(
            w.common,
            data.commonProblems.map((p) => `${p.title} — ${p.schools.length}: ${p.schools.join(', ')}`),
          ),
        );
      if (data.particularProblems.length)
        problems.push(
          list(
            w.particular,
            data.particularProblems.map((p) => `${p.title} — ${p.schools[0]}`),
          ),
        );
      const [firstProblems, ...moreProblems] = problems.length ? problems : [{ text: w.noProblems, fontSize: 9 }];
      out.push(headed(w.problems, firstProblems), ...moreProblems);
    } else {
      const missed = data.outcomes.filter((o) => o.missing.length > 0).map((o) => o.title);
      out.push(
        heading(w.ownProblems),
        missed.length ? { ul: missed.map((t) => ({ text: t, fontSize: 8 })) } : { text: w.noProblems, fontSize: 9 },
      );
    }
  }
  const deficits = results.deficits;
  if (deficits) {
    const body: unknown[][] = [header(['№', w.area, w.inDeficit, w.perSchool, w.canTeach])];
    for (const [n, row] of deficits.seminarPlan.entries()) {
      const area = deficits.areas.find((a) => a.area === row.area);
      body.push([
        cell(String(n + 1)),
        cell(pick(row.title, locale)),
        cell(row.teachersInDeficit === null ? w.tooFew : String(row.teachersInDeficit)),
        cell(
          row.perSchool
            .map((s) => `${data.schoolName(s.schoolId)}: ${s.teachersInDeficit === null ? w.tooFew : s.teachersInDeficit}`)
            .join('; '),
        ),
        cell(area?.canTeachOthers === null || area?.canTeachOthers === undefined ? '—' : String(area.canTeachOthers)),
      ]);
    }
    out.push(heading(w.seminarPlan), { table: { headerRows: 1, widths: [16, 150, 55, '*', 50], body }, layout: 'lightHorizontalLines' });
    out.push(...diagnosticReportSections(results, data.schoolName, locale, heading));
  }
  if (data.dynamics) {
    out.push(heading(w.dynamics));
    for (const i of data.dynamics.indicators) {
      const fmt = (v: number | null) => (v === null ? '—' : formatNumber(locale, v));
      const body: unknown[][] = [header([w.school, ...data.dynamics.campaigns, w.trend])];
      for (const r of i.rows)
        body.push([
          cell(r.school),
          ...r.values.map((v) => cell(fmt(v))),
          cell(r.trend === null ? '—' : r.trend === 0 ? w.same : `${r.trend > 0 ? `${w.up} +` : `${w.down} `}${fmt(r.trend)}`, {
            color: r.trend === null || r.trend === 0 ? 'black' : r.trend > 0 ? colours.met : colours.missed,
          }),
        ]);
      body.push([cell(w.clusterMean, { bold: true }), ...i.cluster.map((v) => cell(fmt(v), { bold: true })), cell('')]);
      out.push({
        unbreakable: true,
        margin: [0, 4, 0, 6],
        stack: [
          { text: i.title, bold: true, fontSize: 9 },
          { table: { headerRows: 1, widths: ['*', ...data.dynamics.campaigns.map(() => 70), 50], body }, layout: 'lightHorizontalLines' },
        ],
      });
    }
  }
  if (data.questions) {
    out.push(heading(w.questions));
    for (const q of data.questions.questions) out.push(...questionBlock(pick(q.title, data.locale), q.cluster, data.locale));
  }
  if (data.problemsAndCauses.length) {
    out.push(heading(w.problemsCauses));
    for (const p of data.problemsAndCauses)
      out.push({
        margin: [0, 2, 0, 4],
        stack: [
          { text: p.school, bold: true, fontSize: 9 },
          { text: p.text, fontSize: 8 },
        ],
      });
  }
  return out;
}

/** One question's (or row's, field's) summary as a title and a small table. */
function questionBlock(title: string, summary: Guarded, locale: ReportLocale): unknown[] {
  const w = words[locale];
  const n = (x: number | null | undefined) =>
    x === null || x === undefined
      ? '—'
      : new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 2 }).format(x);
  const titled = (rows: string[][], extra: unknown[] = []) => [
    {
      unbreakable: true,
      margin: [0, 4, 0, 4],
      stack: [
        { text: `${title} (${w.answered}: ${summary.answered ?? '—'})`, bold: true, fontSize: 9 },
        ...(rows.length
          ? [{ table: { widths: ['*', 60, 60], body: rows.map((r) => r.map((c) => cell(c))) }, layout: 'lightHorizontalLines' }]
          : []),
      ],
    },
    ...extra,
  ];
  switch (summary.kind) {
    case 'withheld':
      return [{ text: `${title}: ${w.withheld}`, fontSize: 8, margin: [0, 4, 0, 4] }];
    case 'choices':
    case 'multiple':
      return titled([
        ...summary.counts.map((c) => [pick(c.label, locale), String(c.count), `${n(Math.round(c.share * 100))} %`]),
        ...(summary.kind === 'choices' && summary.mean !== undefined
          ? [[`${w.stats[0]} / ${w.stats[1]}`, n(summary.mean), n(summary.median)]]
          : []),
      ]);
    case 'number':
      return titled([[w.stats.join(' / '), `${n(summary.mean)} / ${n(summary.median)}`, `${n(summary.min)} / ${n(summary.max)}`]]);
    case 'ranking':
      return titled(summary.items.map((i) => [pick(i.label, locale), w.meanRank, n(i.meanRank)]));
    case 'matrix':
      return titled(
        [],
        summary.rows.flatMap((r) => questionBlock(`${title} — ${pick(r.label, locale)}`, r.summary, locale)),
      );
    case 'fields':
      return titled(
        [],
        summary.fields.flatMap((f) => questionBlock(`${title} — ${pick(f.title, locale)}`, f.summary, locale)),
      );
    default:
      return [{ text: `${title} (${w.answered}: ${summary.answered}): ${w.freeText}`, fontSize: 8, margin: [0, 4, 0, 4] }];
  }
}

/** The report as a stream of the PDF drawn in a child process (server/system/pdf.ts). */
async function reportPdfStream(data: ReportData, today: string, opening: unknown[] = []): Promise<Readable> {
  const w = words[data.locale];
  // The criteria table, when given, is the report's first table: after the title, before the campaign's facts.
  const body = content(data);
  const firstSection = body.findIndex((x) => !!x && typeof x === 'object' && (x as { style?: string }).style === 'heading');
  body.splice(firstSection < 0 ? body.length : firstSection, 0, ...opening);
  const pdf = await renderPdf(
    {
      info: { title: `${w.title}: ${pick(data.results.campaign.title, data.locale)}`, creator: 'Мера' },
      pageSize: 'A4',
      pageMargins: [40, 40, 40, 50],
      content: body,
      defaultStyle: { font: 'Roboto', fontSize: 9 },
      styles: { title: { fontSize: 18, bold: true, margin: [0, 0, 0, 4] }, heading: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] } },
    } as never,
    // The page numbers as data: the worker fills them in.
    {
      left: `${w.made} ${longDate(today, data.locale)}`,
      right: w.page('{page}', '{pages}'),
      fontSize: 7,
      color: colours.muted,
      margin: [40, 20, 40, 0],
    },
  );
  return Readable.from([pdf]);
}

export async function campaignReportPdf(
  store: Store,
  campaignId: string,
  options: ReportOptions & { today: string },
): Promise<{ fileName: string; contentType: string; body: Readable }> {
  // In its turn: the data is read and the PDF drawn for a few reports at a time (server/system/pdf.ts).
  return inPdfTurn(async () => {
    const data = await campaignReportData(store, campaignId, options);
    // A campaign of an instrument the cluster's criteria table reads (the checklist, the staff survey):
    // the report opens with the table of its school year (in a report of the whole cluster and every
    // respondent; one narrowed to a school or a role stays its own).
    const framework = frameworks[defaultCluster];
    const readByFramework = framework.criteria.some((c) =>
      c.indicators.some((i) => i.source.instrumentId === data.results.campaign.instrumentId),
    );
    const opening =
      readByFramework && !data.ownSchool && !data.results.filters.role
        ? frameworkOpening(await frameworkFor(store, data.results.campaign.schoolYear, { minGroupSize: options.minGroupSize }), data.locale)
        : [];
    return {
      fileName: downloadFileName('report', data.results.campaign, options, 'pdf'),
      contentType: 'application/pdf',
      body: await reportPdfStream(data, options.today, opening),
    };
  });
}
