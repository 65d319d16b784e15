// The teacher's profile as a PDF (pdfmake 0.3 with its Roboto fonts, which cover Cyrillic):
// for each diagnostic, oldest first, the areas from weakest to strongest with level, score as
// a bar, the self-rating and the knowledge result apart (edition 2 on; edition 1 says it has no
// split), and the recommended seminar where learning would help. No network or file access
// beyond the font files.
import { renderPdf } from '../system/pdf';
import type { Locale } from '../accounts/data';
import type { profileHistory } from './service';

type History = Awaited<ReturnType<typeof profileHistory>>;

const words = {
  ru: {
    title: 'Профиль профессиональных дефицитов',
    teacher: 'Педагог',
    taken: 'пройдена',
    area: 'Направление',
    level: 'Уровень',
    score: 'Общий результат',
    recommended: 'Рекомендуем',
    notEnough: 'недостаточно ответов',
    none: 'Пройденных диагностик пока нет.',
    selfRating: 'Самооценка',
    knowledge: 'Знания',
    partsNote:
      'Самооценка — как педагог описал свою работу; знания — доля верных ответов на вопросы на знание («Не знаю» и пропуск — 0). Уровень считается по обоим вместе.',
    noSplit: 'Первая редакция опросника: самооценка и знания не разделены, показан общий результат.',
  },
  en: {
    title: 'Professional-deficit profile',
    teacher: 'Teacher',
    taken: 'taken',
    area: 'Area',
    level: 'Level',
    score: 'Overall score',
    recommended: 'Recommended',
    notEnough: 'not enough answers',
    none: 'No diagnostic has been completed yet.',
    selfRating: 'Self-rating',
    knowledge: 'Knowledge',
    partsNote:
      'Self-rating is how the teacher described their own work; knowledge is the share of knowledge questions answered correctly ("I don\'t know" and a skipped question count as 0). The level is worked out from both together.',
    noSplit: 'First edition of the questionnaire: self-rating and knowledge are not separated; the overall score is shown.',
  },
};
const levelColours = ['#c2412d', '#d99a1e', '#3f8f4a', '#1f5fae'];
const pick = (text: { default: string; en?: string } | undefined, locale: Locale) =>
  text ? (locale === 'en' ? (text.en ?? text.default) : text.default) : '';

export function profilePdf(name: string, history: History, locale: Locale): Promise<Buffer> {
  const w = words[locale];
  const content: unknown[] = [
    { text: w.title, style: 'title' },
    { text: `${w.teacher}: ${name}`, margin: [0, 0, 0, 12] },
  ];
  if (history.length === 0) content.push({ text: w.none });
  for (const entry of history) {
    content.push({ text: `${pick(entry.title, locale)} (${w.taken} ${entry.submittedOn})`, style: 'heading' });
    const scoring = entry.scoring;
    if (!scoring || !entry.scores) continue;
    const areas = [...scoring.areas].sort((a, b) => (entry.scores!.areas[a.id]?.score ?? 101) - (entry.scores!.areas[b.id]?.score ?? 101));
    const split = areas.some((a) => entry.scores!.areas[a.id]?.knowledge);
    content.push({ text: split ? w.partsNote : w.noSplit, fontSize: 8, color: '#444444', margin: [0, 0, 0, 4] });
    const percent = (x: number | null | undefined) => ({ text: x == null ? '—' : `${x}%` });
    const body: unknown[][] = [
      [
        { text: w.area, bold: true },
        { text: w.level, bold: true },
        { text: w.score, bold: true },
        ...(split
          ? [
              { text: w.selfRating, bold: true },
              { text: w.knowledge, bold: true },
            ]
          : []),
      ],
    ];
    for (const area of areas) {
      const s = entry.scores.areas[area.id];
      const index = scoring.levels.findIndex((l) => l.id === s?.level);
      const level = scoring.levels[index];
      const score = s?.score ?? null;
      body.push([
        {
          stack: [
            { text: pick(area.title, locale) },
            ...(index >= 0 && index < 2 && area.recommendation
              ? [{ text: `${w.recommended}: ${pick(area.recommendation, locale)}`, fontSize: 8, color: '#444444', margin: [0, 2, 0, 0] }]
              : []),
          ],
        },
        { text: level ? pick(level.title, locale) : w.notEnough, color: index >= 0 ? levelColours[index] : '#444444', bold: true },
        score === null
          ? { text: '—' }
          : {
              stack: [
                { text: `${score}%` },
                {
                  canvas: [
                    { type: 'rect', x: 0, y: 2, w: 100, h: 6, color: '#e6e9ee' },
                    { type: 'rect', x: 0, y: 2, w: score, h: 6, color: levelColours[Math.max(index, 0)] },
                  ],
                },
              ],
            },
        ...(split ? [percent(s?.selfRating?.score), percent(s?.knowledge?.score)] : []),
      ]);
    }
    content.push({
      table: { headerRows: 1, widths: split ? ['*', 70, 105, 55, 50] : ['*', 90, 110], body },
      layout: 'lightHorizontalLines',
      margin: [0, 4, 0, 12],
    });
  }
  return renderPdf({
    info: { title: w.title },
    pageSize: 'A4',
    content,
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: { title: { fontSize: 16, bold: true, margin: [0, 0, 0, 6] }, heading: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] } },
  } as never);
}
