// The results page's tables and their cells: a box a wide table scrolls in, a table with a column
// per school, and a value, whether it met its target and its change, each saying why when withheld.
import { createContext, Fragment, useContext, type ReactNode } from 'react';
import type { IndicatorResult, ResultValue, WithheldReason } from '../../api/results';
import { pick, type Locale } from '../../i18n';
import { fill, number, unit, type T } from './format';

/** The campaign's minimum group, for the reasons of withheld values (the results view provides it). */
export const MinGroupSize = createContext(5);

/**
 * A withheld value and why: too few answers, or hidden so that another school's value cannot be
 * computed. The second is long for a table cell: the cell says «скрыто*» and the page's note under
 * the tables says what the star means; a screen reader hears the whole reason in the cell.
 */
export function Withheld({ reason, t }: { reason?: WithheldReason; t: T }) {
  const min = useContext(MinGroupSize);
  if (reason === 'complement')
    return (
      <span className="too-few">
        <span aria-hidden="true">{t('withheldComplementShort')}</span>
        <span className="visually-hidden">{t('withheldComplement')}</span>
      </span>
    );
  return <span className="too-few">{fill(t('withheldTooFew'), { n: min })}</span>;
}

/** A box a wide table scrolls in on narrow screens: focusable (keyboard scrolling) and named. */
export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="results-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** A table with a column per school (the deficit tables), boxed so it scrolls on a narrow screen; its caption names the box too. */
export function SchoolsTable({
  id,
  caption,
  leading,
  trailing,
  schoolIds,
  schoolName,
  children,
}: {
  id: string;
  caption: string;
  leading: ReactNode;
  trailing?: ReactNode;
  schoolIds: string[];
  schoolName: (id: string) => string;
  children: ReactNode;
}) {
  return (
    <ScrollBox label={caption}>
      <table className="results-table" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {leading}
            {schoolIds.map((school) => (
              <th scope="col" key={school}>
                {schoolName(school)}
              </th>
            ))}
            {trailing}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </ScrollBox>
  );
}

/** One row of a table by area and school: the area, the cluster's cell and each school's. */
interface AreaRow<C> {
  area: string;
  title: { default: string; en?: string };
  cluster: C;
  schools: ({ schoolId: string } & C)[];
}

/**
 * The teacher diagnostic's tables by area and school (pooled scores, their change): a section with
 * its heading and note, a row per area with the cluster's cell, then a column per school. `cell` draws
 * one group's cell (undefined: the school has no group in this area).
 */
export function AreaSchoolsTable<C>(props: {
  id: string;
  title: string;
  note: ReactNode;
  caption: string;
  labels: { area: string; cluster: string };
  rows: AreaRow<C>[];
  schoolIds: string[];
  schoolName: (id: string) => string;
  locale: Locale;
  cell: (group: C | undefined) => ReactNode;
}) {
  return (
    <section aria-labelledby={`${props.id}-title`}>
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      <p className="results-note">{props.note}</p>
      <SchoolsTable
        id={props.id}
        caption={props.caption}
        leading={
          <>
            <th scope="col">{props.labels.area}</th>
            <th scope="col">{props.labels.cluster}</th>
          </>
        }
        schoolIds={props.schoolIds}
        schoolName={props.schoolName}
      >
        {props.rows.map((a) => (
          <tr key={a.area}>
            <th scope="row">{pick(a.title, props.locale)}</th>
            {props.cell(a.cluster)}
            {props.schoolIds.map((s) => (
              <Fragment key={s}>{props.cell(a.schools.find((x) => x.schoolId === s))}</Fragment>
            ))}
          </tr>
        ))}
      </SchoolsTable>
    </section>
  );
}

/** A school's checklist answer in words (issue 26, item 7: not «100 %» or «0 %» for one school's «да» or «нет»). */
export const answerWords = { yes: 'answer_yes', partly: 'answer_partly', no: 'answer_no' } as const;

/** The words of a school's checklist answer, or undefined for anything else. */
export const answerWord = (answer: string | null | undefined) =>
  answer && answer in answerWords ? answerWords[answer as keyof typeof answerWords] : undefined;

export function Value({ v, i, locale, t }: { v: ResultValue; i: IndicatorResult; locale: Locale; t: T }) {
  if (v.suppressed) return <Withheld reason={v.withheld} t={t} />;
  const word = i.kind === 'share-of-schools' ? answerWord(v.answer) : undefined;
  if (word) return <>{t(word)}</>;
  return <>{v.value === null ? '—' : `${number(v.value, locale)}${unit(i)}`}</>;
}

export function Met({ v, t }: { v: ResultValue; t: T }) {
  if (v.suppressed) return <Withheld reason={v.withheld} t={t} />;
  if (v.met === null) return <span className="too-few">{t('noTarget')}</span>;
  // Not by colour alone: a sign and a word. The words may wrap in a narrow column, the sign stays with the first.
  const [sign, className, words] = v.met ? ['✔ ', 'met-yes', t('yes')] : ['✘ ', 'met-no', t('no')];
  const space = words.indexOf(' ');
  const first = space < 0 ? words : words.slice(0, space);
  return (
    <span className={className}>
      <span className="keep-together">
        <span aria-hidden="true">{sign}</span>
        {first}
      </span>
      {space < 0 ? '' : words.slice(space)}
    </span>
  );
}

/** A change, signed («+3,4», «−2,6», «0»: never «-0»), with its unit (" п.п." for shares) when given. */
export function Change({ v, locale, unit = '' }: { v: ResultValue; locale: Locale; unit?: string }) {
  if (v.suppressed || v.change === null) return <>—</>;
  const shown = number(Math.abs(v.change), locale);
  const sign = shown === '0' ? '' : v.change > 0 ? '+' : '−';
  return (
    <>
      {sign}
      {shown}
      {unit && `\u00a0${unit}`}
    </>
  );
}
