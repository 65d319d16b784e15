// A scored diagnostic's result for the person who just took it: areas from weakest to
// strongest, each with its level and, where learning would help, the recommended seminar.
import type { AreaScore, InstrumentDefinition } from '../../api/respondent';
import { pick, useLocale } from '../../i18n';

type Scoring = NonNullable<InstrumentDefinition['scoring']>;

export function Profile({ scoring, scores }: { scoring: Scoring; scores: Record<string, AreaScore> }) {
  const [locale, t] = useLocale();
  const levelIndex = new Map(scoring.levels.map((l, i) => [l.id, i]));
  const areas = [...scoring.areas].sort((a, b) => (scores[a.id]?.score ?? 101) - (scores[b.id]?.score ?? 101));
  return (
    <section className="profile" aria-labelledby="profile-title">
      <h2 id="profile-title">{t('profileTitle')}</h2>
      <p>{t('profileIntro')}</p>
      <ol className="profile-areas">
        {areas.map((area) => {
          const s = scores[area.id];
          const level = scoring.levels.find((l) => l.id === s?.level);
          const index = s?.level ? levelIndex.get(s.level)! : -1;
          return (
            <li key={area.id} className={`profile-area level-${index}`} data-area={area.id}>
              <div className="profile-area-head">
                <span className="profile-area-title">{pick(area.title, locale)}</span>
                <span className="profile-area-level">{level ? pick(level.title, locale) : t('notEnough')}</span>
              </div>
              {s?.score !== null && s?.score !== undefined && (
                <div className="bar" aria-hidden="true">
                  <div className="bar-fill" style={{ width: `${s.score}%` }} />
                </div>
              )}
              {s?.score !== null && s?.score !== undefined && (
                <span className="visually-hidden">
                  {t('score')}: {s.score}%
                </span>
              )}
              {index >= 0 && index < 2 && area.recommendation && (
                <p className="profile-recommendation">
                  <strong>{t('recommended')}:</strong> {pick(area.recommendation, locale)}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
