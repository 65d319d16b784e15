// The teacher diagnostic's tables for the downloads (issue 26, item 6): per area, for the cluster and
// each school, n teachers, the score from pooled points, each level's share, Cronbach's alpha (the
// cluster's) and the change from the previous diagnostic over the teachers who took both. One
// builder of rows, read by the indicator table's CSV / XLSX and by the analytic report (a heat map).
import { pick, type ReportLocale } from './report';
import type { CampaignResults, DeficitResults } from './views';

const words = {
  ru: {
    area: 'Направление',
    school: 'Школа',
    cluster: 'Кластер',
    score: 'Результат по сумме баллов, %',
    alpha: 'α Кронбаха',
    change: 'Изменение с прошлой диагностики, п.п.',
    same: 'Педагогов в сравнении',
    tooFew: 'мало ответов',
    share: (level: string) => `«${level}», %`,
    heat: 'Дефициты по направлениям и школам: доля педагогов на уровне',
    scores: 'Результат по направлениям и школам (сумма баллов), %',
    changes: 'Изменение с прошлой диагностики по тем же педагогам, п.п.',
  },
  en: {
    area: 'Area',
    school: 'School',
    cluster: 'Cluster',
    score: 'Score from pooled points, %',
    alpha: "Cronbach's α",
    change: 'Change since the previous diagnostic, pp',
    same: 'Teachers compared',
    tooFew: 'too few answers',
    share: (level: string) => `“${level}”, %`,
    heat: 'Deficits by area and school: the share of teachers at the level',
    scores: 'Area scores by school (pooled points), %',
    changes: 'Change since the previous diagnostic over the same teachers, pp',
  },
};

type Row = (string | number)[];

/** The rows of the teacher diagnostic's table: a header, then per area the cluster and each school. */
export function diagnosticRows(results: CampaignResults, schoolName: (id: string) => string, locale: ReportLocale = 'ru'): Row[] {
  const deficits = results.deficits;
  if (!deficits) return [];
  const w = words[locale];
  const levels = deficits.levels;
  const header: Row = [w.area, w.school, 'n', w.score, ...levels.map((l) => w.share(pick(l.title, locale))), w.alpha, w.change, w.same];
  const rows: Row[] = [header];
  for (const a of deficits.areas) {
    const change = results.diagnosticChange?.areas.find((x) => x.area === a.area);
    const groups = [
      { name: w.cluster, shares: a.cluster, alpha: a.alpha.value, change: change?.cluster },
      ...a.schools.map((s) => ({
        name: schoolName(s.schoolId),
        shares: s,
        alpha: null,
        change: change?.schools.find((x) => x.schoolId === s.schoolId),
      })),
    ];
    for (const g of groups) {
      const withheld = g.shares.suppressed;
      rows.push([
        pick(a.title, locale),
        g.name,
        g.shares.n,
        withheld || g.shares.pooled === null ? (g.shares.n > 0 ? w.tooFew : '') : (g.shares.pooled?.score ?? ''),
        ...levels.map((l) => (withheld ? w.tooFew : (g.shares.levels[l.id]?.share ?? ''))),
        g.alpha ?? '',
        !g.change ? '' : g.change.suppressed ? w.tooFew : (g.change.change ?? ''),
        g.change?.n ?? '',
      ]);
    }
  }
  return rows;
}

const num = (locale: ReportLocale, v: number) =>
  new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { maximumFractionDigits: 1 }).format(v);
const signed = (locale: ReportLocale, v: number) => {
  const shown = num(locale, Math.abs(v));
  return `${shown === '0' ? '' : v > 0 ? '+' : '−'}${shown}`;
};
const heat = (share: number | null) =>
  share === null
    ? '#ffffff'
    : `#${[31, 95, 174]
        .map((c) =>
          Math.round(255 - (255 - c) * (0.05 + (share / 100) * 0.45))
            .toString(16)
            .padStart(2, '0'),
        )
        .join('')}`;

/** The report's sections for the teacher diagnostic: the heat map of the deficit level with alpha, the pooled scores, the change. */
export function diagnosticReportSections(
  results: CampaignResults,
  schoolName: (id: string) => string,
  locale: ReportLocale,
  heading: (text: string) => unknown,
): unknown[] {
  const deficits: DeficitResults | null = results.deficits;
  if (!deficits) return [];
  const w = words[locale];
  const schools = results.schools.map((s) => s.id);
  const head = [w.area, w.cluster, ...schools.map(schoolName)].map((text) => ({ text, bold: true, fontSize: 6 }));
  const widths = [90, ...[null, ...schools].map(() => '*')];
  const level = deficits.levels[0];
  const table = (rows: unknown[][]) => ({
    table: { headerRows: 1, widths, body: [head, ...rows] },
    layout: 'lightHorizontalLines',
    margin: [0, 2, 0, 6],
  });
  const shareCell = (s: { suppressed: boolean; levels: Record<string, { share: number } | null> }) => {
    const share = s.suppressed ? null : (s.levels[level.id]?.share ?? null);
    return { text: s.suppressed ? w.tooFew : share === null ? '—' : num(locale, share), fontSize: 7, fillColor: heat(share) };
  };
  const out: unknown[] = [
    heading(`${w.heat} «${pick(level.title, locale)}», % (${w.alpha})`),
    table(
      deficits.areas.map((a) => [
        {
          text: `${pick(a.title, locale)}${a.alpha.value === null ? '' : ` (α = ${num(locale, a.alpha.value)}, n = ${a.alpha.n})`}`,
          fontSize: 7,
        },
        shareCell(a.cluster),
        ...schools.map((id) => shareCell(a.schools.find((s) => s.schoolId === id)!)),
      ]),
    ),
  ];
  const scoreCell = (s: { n: number; suppressed: boolean; pooled?: { score: number | null } | null } | undefined) => ({
    text:
      !s || s.n === 0
        ? '—'
        : s.suppressed || !s.pooled || s.pooled.score === null
          ? w.tooFew
          : `${num(locale, s.pooled.score)} (n = ${s.n})`,
    fontSize: 7,
  });
  if (deficits.areas.some((a) => a.cluster.pooled))
    out.push(
      heading(w.scores),
      table(
        deficits.areas.map((a) => [
          { text: pick(a.title, locale), fontSize: 7 },
          scoreCell(a.cluster),
          ...schools.map((id) => scoreCell(a.schools.find((s) => s.schoolId === id))),
        ]),
      ),
    );
  const change = results.diagnosticChange;
  if (change) {
    const changeCell = (c: { n: number; suppressed: boolean; change: number | null } | undefined) => ({
      text: !c || c.n === 0 ? '—' : c.suppressed || c.change === null ? w.tooFew : `${signed(locale, c.change)} (n = ${c.n})`,
      fontSize: 7,
    });
    out.push(
      heading(`${w.changes}: ${pick(change.previousCampaign.title, locale)}`),
      table(
        change.areas.map((a) => [
          { text: pick(a.title, locale), fontSize: 7 },
          changeCell(a.cluster),
          ...schools.map((id) => changeCell(a.schools.find((s) => s.schoolId === id))),
        ]),
      ),
    );
  }
  return out;
}
