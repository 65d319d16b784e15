// Texts of the honest comparisons on the results page (issue 26): changes over the same schools, the
// Wilson interval and the z-test, the criterion of an indicator, monitoring's means per school.
import type { PageTexts } from '../../i18n';

export const comparisonTexts = {
  ru: {
    criterion: 'Критерий: {title}',
    pp: 'п.п.',
    over: 'по {n} школам, участвовавшим в обоих опросах',
    real: 'значимо',
    chance: 'в пределах случайности',
    interval: '95 % ДИ: {low}–{high}',
    meanPerSchool: 'среднее по школе',
    note: 'Изменение считается только по школам, участвовавшим в обоих опросах. Для долей респондентов указан 95 % доверительный интервал Уилсона, а изменение названо значимым, если z-тест для двух долей даёт p < 0,05; доли школ — сплошной учёт, без интервалов и проверки.',
  },
  en: {
    criterion: 'Criterion: {title}',
    pp: 'pp',
    over: 'over the {n} schools in both campaigns',
    real: 'beyond chance',
    chance: 'within chance',
    interval: '95 % CI: {low}–{high}',
    meanPerSchool: 'mean per school',
    note: 'A change is computed over the schools taking part in both campaigns only. Shares of respondents show a 95 % Wilson interval, and a change is called beyond chance when the two-proportion z-test gives p < 0.05; shares of schools are a census, with neither.',
  },
} satisfies PageTexts<string>;
