// The teacher diagnostic's change from the previous diagnostic (issue 26, item 6): per area, the
// pooled score before → after and the change in п.п., over the teachers who took both, for the
// cluster and each school; a group below the minimum group reads "too few answers".
import type { CampaignResults } from '../../api/results';
import { dayText } from '../../dates';
import { pick, useTexts, type Locale } from '../../i18n';
import { number } from './format';
import { AreaSchoolsTable } from './tables';
import './diagnostic-tables.css';

type Change = NonNullable<CampaignResults['diagnosticChange']>;
type Cell = Change['areas'][number]['cluster'];

const texts = {
  ru: {
    title: 'Изменение с прошлой диагностики',
    intro:
      'По педагогам, прошедшим обе диагностики ({n}): результат направления по сумме баллов тогда → сейчас и изменение, п.п. Сравнение с «{title}» ({day}).',
    caption: 'Изменение результата по направлениям и школам, п.п. (те же педагоги)',
    area: 'Направление',
    cluster: 'Кластер',
    tooFew: 'мало ответов',
    pp: 'п.п.',
  },
  en: {
    title: 'Change since the previous diagnostic',
    intro:
      'Over the teachers who took both diagnostics ({n}): the area score from pooled points then → now and the change, pp. Compared with “{title}” ({day}).',
    caption: 'Change of the area score by area and school, pp (the same teachers)',
    area: 'Area',
    cluster: 'Cluster',
    tooFew: 'too few answers',
    pp: 'pp',
  },
};

const signed = (v: number, locale: Locale) => {
  const shown = number(Math.abs(v), locale);
  return `${shown === '0' ? '' : v > 0 ? '+' : '−'}${shown}`;
};

export function DiagnosticChangeTable({
  change,
  schoolIds,
  locale,
  schoolName,
}: {
  change: Change;
  schoolIds: string[];
  locale: Locale;
  schoolName: (id: string) => string;
}) {
  const [, t] = useTexts(texts);
  const cell = (c: Cell | undefined) => (
    <td className="num stacked">
      {!c || c.n === 0 ? (
        '—'
      ) : c.suppressed || c.change === null || c.before === null || c.after === null ? (
        <span className="too-few">{t('tooFew')}</span>
      ) : (
        <>
          {signed(c.change, locale)} {t('pp')}
          <span className="results-note">
            {number(c.before, locale)} → {number(c.after, locale)}
          </span>
          <span className="results-note">n = {c.n}</span>
        </>
      )}
    </td>
  );
  return (
    <AreaSchoolsTable
      id="diagnostic-change"
      title={t('title')}
      note={t('intro')
        .replace('{n}', String(change.teachers))
        .replace('{title}', pick(change.previousCampaign.title, locale))
        .replace('{day}', dayText(change.previousCampaign.opensOn, locale))}
      caption={t('caption')}
      labels={{ area: t('area'), cluster: t('cluster') }}
      rows={change.areas}
      schoolIds={schoolIds}
      schoolName={schoolName}
      locale={locale}
      cell={cell}
    />
  );
}
