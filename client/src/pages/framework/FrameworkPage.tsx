// The framework page («Критерии и показатели», /framework): the cluster's criteria table of the
// school year chosen in the shell: each indicator under its criterion with target, value, met,
// n, the change since last year over the same schools, and the schools missing it (openable);
// below, the schools × indicators matrix of да / частично / нет; the table's downloads.
import { Fragment, useEffect, useState } from 'react';
import { fetchFramework, frameworkFileUrl, type FrameworkCell, type FrameworkIndicatorView, type FrameworkView } from '../../api/framework';
import { AccountFrame } from '../../components/AccountFrame';
import { SignInPrompt } from '../../components/SignInPrompt';
import { errorCodeOf } from '../../errors/texts';
import { pick, useTexts, type Locale } from '../../i18n';
import { useSchoolYear } from '../../school-year';
import { useSession } from '../../session';
import { frameworkTexts, type FrameworkTextKey } from './texts';
import './framework.css';

type T = (key: FrameworkTextKey) => string;
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
const num = (v: number, locale: Locale) => v.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 1 });
const percent = (v: number, locale: Locale) => `${num(v, locale)}\u00a0%`;
/** A signed change: «+3,4», «−2,6», «0» (never «-0»). */
const signed = (v: number, locale: Locale) => (v > 0 ? `+${num(v, locale)}` : v < 0 ? `−${num(-v, locale)}` : '0');

function ValueCell({ i, t, locale }: { i: FrameworkIndicatorView; t: T; locale: Locale }) {
  if (i.suppressed) return <>{t('tooFew')}</>;
  if (i.value === null) return <>{t('noValue')}</>;
  return (
    <>
      <strong>{percent(i.value, locale)}</strong>
      {i.interval && (
        <span className="framework-note">
          {fill(t('interval'), { low: num(i.interval.low, locale), high: num(i.interval.high, locale) })}
        </span>
      )}
      {i.yesOrPartly !== null && <span className="framework-note">{fill(t('yesOrPartly'), { v: percent(i.yesOrPartly, locale) })}</span>}
    </>
  );
}

function ChangeCell({ i, t, locale }: { i: FrameworkIndicatorView; t: T; locale: Locale }) {
  if (!i.change) return <>—</>;
  const c = i.change;
  return (
    <>
      {signed(c.value, locale)} {t('pp')}
      <span className="framework-note">{fill(t('previous'), { v: percent(c.previous, locale) })}</span>
      <span className="framework-note">{c.test ? (c.test.real ? t('real') : t('chance')) : t('census')}</span>
      {!c.sameSchools && <span className="framework-note">{fill(t('notAll'), { n: c.schools })}</span>}
    </>
  );
}

function MissingCell({ i, t, name }: { i: FrameworkIndicatorView; t: T; name: (id: string) => string }) {
  const [open, setOpen] = useState(false);
  if (i.value === null && !i.suppressed) return <>—</>;
  if (i.missing.length === 0 && i.withheld.length === 0) return <>{t('none')}</>;
  const listId = `missing-${i.id}`;
  return (
    <>
      <button
        type="button"
        className="framework-schools-button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
      >
        {fill(t('schoolsButton'), { n: i.missing.length })}
        <span className="visually-hidden"> — {fill(t('schoolsOf'), { no: i.number })}</span>
      </button>
      <div id={listId} hidden={!open}>
        <ul className="framework-schools" aria-label={fill(t('schoolsOf'), { no: i.number })}>
          {i.missing.map((id) => (
            <li key={id}>{name(id)}</li>
          ))}
        </ul>
        {i.withheld.length > 0 && <p className="framework-note">{fill(t('withheld'), { list: i.withheld.map(name).join(', ') })}</p>}
      </div>
    </>
  );
}

function cellText(cell: FrameworkCell, t: T, locale: Locale): string {
  if (cell.notTaking) return t('notTaking');
  if (cell.answer !== undefined) return cell.answer ? t(`answer_${cell.answer}`) : t('noAnswer');
  if (cell.suppressed) return t('tooFew');
  return cell.value === null || cell.value === undefined ? t('noAnswer') : percent(cell.value, locale);
}

const cellClass = (cell: FrameworkCell) =>
  cell.answer === 'partly' ? 'cell-partly' : cell.met === true ? 'cell-met' : cell.met === false ? 'cell-missed' : 'cell-none';

function FrameworkTables({ view, t, locale }: { view: FrameworkView; t: T; locale: Locale }) {
  const name = (id: string) => {
    const s = view.schools.find((x) => x.id === id);
    return s?.name ? pick(s.name, locale) : (s?.number ?? id);
  };
  const indicators = view.criteria.flatMap((c) => c.indicators);
  // The campaigns the values come from, once each (the checklist's stage, the staff survey).
  const sources = [...new Set(indicators.flatMap((i) => (i.source ? [pick(i.source.title, locale)] : [])))];
  return (
    <>
      <p>{fill(t('intro'), { cluster: view.cluster, title: pick(view.title, locale), year: view.year })}</p>
      <p className="framework-summary">
        {fill(t('summary'), { all: view.summary.indicators, met: view.summary.met, notMet: view.summary.notMet })}
        {view.summary.noValue > 0 && ` ${fill(t('noData'), { n: view.summary.noValue })}`}
      </p>
      <p className="framework-method">{t('method')}</p>
      {sources.length > 0 && (
        <ul className="framework-sources">
          {sources.map((title) => (
            <li key={title}>{fill(t('source'), { title })}</li>
          ))}
        </ul>
      )}
      <div className="framework-scroll" tabIndex={0} role="region" aria-label={t('title')}>
        <table className="framework-table">
          <caption>{fill(t('tableCaption'), { year: view.year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('no')}</th>
              <th scope="col">{t('indicator')}</th>
              <th scope="col">{t('target')}</th>
              <th scope="col">{t('value')}</th>
              <th scope="col">n</th>
              <th scope="col">{t('met')}</th>
              <th scope="col">{t('change')}</th>
              <th scope="col">{t('missing')}</th>
            </tr>
          </thead>
          {view.criteria.map((c) => (
            <tbody key={c.id}>
              <tr className="framework-criterion">
                <th scope="colgroup" colSpan={8}>
                  {t('criterion')}: {pick(c.title, locale)}
                </th>
              </tr>
              {c.indicators.map((i) => (
                <tr key={i.id} className={i.met === false ? 'row-missed' : undefined}>
                  <td className="num">{i.number}</td>
                  <th scope="row">
                    {pick(i.title, locale)}
                    <span className="framework-note framework-criterion-label">
                      {t('criterion')}: {pick(i.criterion.title, locale)}
                    </span>
                  </th>
                  <td>{pick(i.targetText, locale)}</td>
                  <td className="num">
                    <ValueCell i={i} t={t} locale={locale} />
                  </td>
                  <td className="num">
                    {i.n}
                    <span className="framework-note">{i.basis === 'census' ? t('nObjectsSchools') : t('nObjectsPeople')}</span>
                  </td>
                  <td className={i.met === true ? 'met-yes' : i.met === false ? 'met-no' : undefined}>
                    {i.met === true ? t('yes') : i.met === false ? t('notMet') : '—'}
                  </td>
                  <td className="num">
                    <ChangeCell i={i} t={t} locale={locale} />
                  </td>
                  <td>
                    <MissingCell i={i} t={t} name={name} />
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>

      <h2>{t('matrixTitle')}</h2>
      <div className="framework-scroll" tabIndex={0} role="region" aria-label={t('matrixTitle')}>
        <table className="framework-table framework-matrix">
          <caption>{fill(t('matrixCaption'), { year: view.year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('school')}</th>
              {indicators.map((i) => (
                <th scope="col" key={i.id}>
                  <abbr title={`${pick(i.title, locale)} (${t('criterion')}: ${pick(i.criterion.title, locale)})`}>{i.number}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.matrix.map((r) => (
              <tr key={r.schoolId}>
                <th scope="row">{name(r.schoolId)}</th>
                {r.cells.map((cell) => (
                  <td key={cell.indicatorId} className={cellClass(cell)}>
                    {cellText(cell, t, locale)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="framework-note">{t('legend')}</p>
      <ol className="framework-legend">
        {indicators.map((i) => (
          <Fragment key={i.id}>
            <li value={i.number}>
              {pick(i.title, locale)} <span className="framework-note-inline">({pick(i.criterion.title, locale)})</span>
            </li>
          </Fragment>
        ))}
      </ol>

      <h2>{t('downloads')}</h2>
      <ul className="framework-downloads">
        <li>
          <a href={frameworkFileUrl(view.year, 'report.pdf', locale === 'en' ? 'en' : undefined)} download>
            {t('report')}
          </a>
        </li>
        <li>
          <a href={frameworkFileUrl(view.year, 'table.csv')} download>
            {t('csv')}
          </a>
        </li>
        <li>
          <a href={frameworkFileUrl(view.year, 'table.xlsx')} download>
            {t('xlsx')}
          </a>
        </li>
      </ul>
    </>
  );
}

export default function FrameworkPage() {
  const [locale, t] = useTexts(frameworkTexts);
  const { user } = useSession();
  const year = useSchoolYear();
  const [view, setView] = useState<FrameworkView>();
  const [failure, setFailure] = useState<'forbidden' | 'failed'>();

  useEffect(() => {
    if (!user) return;
    let current = true;
    setView(undefined);
    setFailure(undefined);
    fetchFramework(year).then(
      (v) => current && setView(v),
      (err) => current && setFailure(errorCodeOf(err) === 'auth.forbidden' ? 'forbidden' : 'failed'),
    );
    return () => {
      current = false;
    };
  }, [user, year]);

  const title = `${t('title')}, ${year}`;
  if (user === null)
    return (
      <AccountFrame title={t('title')}>
        <SignInPrompt text={t('signIn')} link={t('signInLink')} href="/sign-in?next=/framework" />
      </AccountFrame>
    );
  return (
    <AccountFrame title={title}>
      <div className="framework-page">
        {failure && (
          <p className="form-error" role="alert">
            {t(failure)}
          </p>
        )}
        {!failure && !view && <p role="status">{t('loading')}</p>}
        {view && <FrameworkTables view={view} t={t} locale={locale} />}
      </div>
    </AccountFrame>
  );
}
