// The teacher diagnostic's deficits: the heat map of a level's share per area and school, who can
// teach others, and the seminar plan.
import { Fragment, useState } from 'react';
import type { DeficitResults, WithheldReason } from '../../api/results';
import { pick, type Locale } from '../../i18n';
import { fill, number, type T } from './format';
import { SchoolsTable, Withheld } from './tables';

/** A light-to-mid blue by share, dark text stays above 4.5:1 on every shade. */
const heat = (share: number | null) => (share === null ? '#ffffff' : `rgba(31, 95, 174, ${(0.05 + (share / 100) * 0.45).toFixed(2)})`);

export function Deficits({
  deficits,
  schoolIds,
  locale,
  t,
  schoolName,
}: {
  deficits: DeficitResults;
  schoolIds: string[];
  locale: Locale;
  t: T;
  schoolName: (id: string) => string;
}) {
  const [levelId, setLevelId] = useState(deficits.levels[0]?.id ?? '');
  const level = deficits.levels.find((l) => l.id === levelId) ?? deficits.levels[0];
  // Why a count is withheld: the reason of its area's cell (the cluster's, or the school's).
  const reasonOf = (area: string, schoolId?: string) => {
    const a = deficits.areas.find((x) => x.area === area);
    const shares = schoolId === undefined ? a?.cluster : a?.schools.find((x) => x.schoolId === schoolId);
    return <Withheld reason={shares?.withheld} t={t} />;
  };
  const areaAndCluster = (
    <>
      <th scope="col">{t('area')}</th>
      <th scope="col">{t('cluster')}</th>
    </>
  );
  const cell = (shares: {
    suppressed: boolean;
    withheld?: WithheldReason;
    levels: Record<string, { count: number; share: number } | null>;
  }) => {
    const share = shares.suppressed ? null : (shares.levels[level.id]?.share ?? null);
    return (
      <td className="num heat-cell" style={{ background: heat(share) }}>
        {shares.suppressed ? <Withheld reason={shares.withheld} t={t} /> : share === null ? '—' : `${number(share, locale)} %`}
      </td>
    );
  };
  return (
    <>
      <section aria-labelledby="heat-title">
        <h3 id="heat-title">{t('heatTitle')}</h3>
        <div className="results-controls">
          <div>
            <label htmlFor="results-level">{t('heatLevel')}</label>
            <select id="results-level" value={level.id} onChange={(e) => setLevelId(e.target.value)}>
              {deficits.levels.map((l) => (
                <option key={l.id} value={l.id}>
                  {pick(l.title, locale)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <SchoolsTable
          id="heat-map"
          caption={fill(t('heatCaption'), { level: pick(level.title, locale) })}
          leading={areaAndCluster}
          trailing={<th scope="col">{t('alpha')}</th>}
          schoolIds={schoolIds}
          schoolName={schoolName}
        >
          {deficits.areas.map((a) => (
            <tr key={a.area}>
              <th scope="row">{pick(a.title, locale)}</th>
              {cell(a.cluster)}
              {schoolIds.map((id) => {
                const s = a.schools.find((x) => x.schoolId === id);
                return s ? <Fragment key={id}>{cell(s)}</Fragment> : <td key={id}>—</td>;
              })}
              <td className="num">
                {a.alpha.value === null ? '—' : number(a.alpha.value, locale)} ({a.alpha.n})
              </td>
            </tr>
          ))}
        </SchoolsTable>
      </section>
      <section aria-labelledby="teach-title">
        <h3 id="teach-title">{t('canTeach')}</h3>
        <p>{t('canTeachIntro')}</p>
        <SchoolsTable id="can-teach" caption={t('canTeachCaption')} leading={areaAndCluster} schoolIds={schoolIds} schoolName={schoolName}>
          {deficits.areas.map((a) => (
            <tr key={a.area}>
              <th scope="row">{pick(a.title, locale)}</th>
              <td className="num">{a.canTeachOthers ?? reasonOf(a.area)}</td>
              {schoolIds.map((id) => {
                const c = a.canTeachOthersBySchool?.find((x) => x.schoolId === id);
                return (
                  <td key={id} className="teach-cell">
                    <span className="num-inline">{c ? (c.count ?? reasonOf(a.area, id)) : '—'}</span>
                    {c?.sharedNames && c.sharedNames.length > 0 && (
                      <ul className="shared-names" aria-label={t('sharedNames')}>
                        {c.sharedNames.map((name) => (
                          <li key={name}>{name}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </SchoolsTable>
      </section>
      <section aria-labelledby="plan-title">
        <h3 id="plan-title">{t('planTitle')}</h3>
        <p>{t('planIntro')}</p>
        <SchoolsTable
          id="seminar-plan"
          caption={t('planCaption')}
          leading={
            <>
              <th scope="col">{t('rank')}</th>
              <th scope="col">{t('area')}</th>
              <th scope="col">{t('inDeficit')}</th>
            </>
          }
          schoolIds={schoolIds}
          schoolName={schoolName}
        >
          {deficits.seminarPlan.map((p, index) => (
            <tr key={p.area}>
              <td className="num">{index + 1}</td>
              <th scope="row">{pick(p.title, locale)}</th>
              <td className="num">{p.teachersInDeficit ?? reasonOf(p.area)}</td>
              {schoolIds.map((id) => {
                const s = p.perSchool.find((x) => x.schoolId === id);
                return (
                  <td className="num" key={id}>
                    {s ? (s.teachersInDeficit ?? reasonOf(p.area, id)) : '—'}
                  </td>
                );
              })}
            </tr>
          ))}
        </SchoolsTable>
      </section>
    </>
  );
}
