// The administrators' Instruments screen: the catalogue (each version and the campaigns on it), and
// an upload: a SurveyJS Creator JSON chosen or dropped, the envelope's fields as a form, every
// problem listed with its path, what the server ignores, a preview in both languages at phone and
// desktop width, then publishing as a new version and planning a campaign from it.
import { DragEvent, FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import 'survey-core/survey-core.fontless.css';
import { Survey } from 'survey-react-ui';
import { ApiError, send } from '../../api/http';
import { fetchInstruments, listCampaigns, type InstrumentSummary } from '../../api/campaigns';
import { AccountFrame } from '../../components/AccountFrame';
import { Field } from '../../components/Field';
import { SignInPrompt } from '../../components/SignInPrompt';
import { errorText } from '../../errors/texts';
import { pick, useTexts, type Locale } from '../../i18n';
import { useSession } from '../../session';
import { buildSurveyModel } from '../take-survey/survey-setup';
import { problemText } from './problem-texts';
import { instrumentTexts } from './texts';
import './instruments.css';

type Json = Record<string, unknown>;
interface Listed {
  path: string;
  message: string;
}
interface CheckAnswer {
  ok: boolean;
  problems: Listed[];
  ignored: Listed[];
  instrument?: { survey: Json; title: { default: string; en?: string } };
  nextVersion: number;
}
const respondentTypes = ['parent', 'student', 'teacher', 'school'] as const;

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const textOf = (v: unknown) => (typeof v === 'string' ? v : isObject(v) ? String(v.ru ?? v.default ?? Object.values(v)[0] ?? '') : '');

export default function InstrumentsPage() {
  const [locale, t] = useTexts(instrumentTexts);
  const { user } = useSession();
  const [catalogue, setCatalogue] = useState<InstrumentSummary[]>();
  const [campaignsOf, setCampaignsOf] = useState<Record<string, number>>({});
  const [survey, setSurvey] = useState<Json>();
  const [fileName, setFileName] = useState('');
  const [readError, setReadError] = useState('');
  const [form, setForm] = useState({
    id: '',
    title: '',
    respondentType: 'parent' as (typeof respondentTypes)[number],
    anonymous: true,
    collectsContact: false,
    contactPurpose: '',
  });
  const [checked, setChecked] = useState<CheckAnswer>();
  const [message, setMessage] = useState<{ ok: boolean; text: string; id?: string }>();
  const [preview, setPreview] = useState<{ locale: Locale; width: 390 | 1024 }>({ locale: 'ru', width: 390 });

  const reload = useCallback(async () => {
    const { instruments } = await fetchInstruments();
    setCatalogue(instruments);
    const { campaigns } = await listCampaigns({});
    const counts: Record<string, number> = {};
    for (const c of campaigns)
      counts[`${c.instrumentId}@${c.instrumentVersion}`] = (counts[`${c.instrumentId}@${c.instrumentVersion}`] ?? 0) + 1;
    setCampaignsOf(counts);
  }, []);
  useEffect(() => {
    if (user?.role === 'administrator') void reload().catch(() => setCatalogue([]));
  }, [user, reload]);

  /** A Creator JSON (the survey) or a whole envelope ({ id, respondentType, anonymous, survey }). */
  const read = (text: string, name: string) => {
    setChecked(undefined);
    setMessage(undefined);
    setFileName(name);
    try {
      const json = JSON.parse(text) as unknown;
      if (!isObject(json)) throw new Error('not an object');
      const envelope = isObject(json.survey) ? json : undefined;
      const own = envelope ? (json.survey as Json) : json;
      setSurvey(own);
      setReadError('');
      setForm((f) => ({
        ...f,
        id:
          typeof envelope?.id === 'string'
            ? envelope.id
            : f.id ||
              name
                .replace(/\.json$/i, '')
                .toLowerCase()
                .replace(/[^a-z0-9-]+/g, '-'),
        title: textOf(envelope?.title ?? own.title) || f.title,
        respondentType: respondentTypes.includes(envelope?.respondentType as never)
          ? (envelope!.respondentType as never)
          : f.respondentType,
        anonymous: typeof envelope?.anonymous === 'boolean' ? envelope.anonymous : f.anonymous,
        collectsContact: typeof envelope?.collectsContact === 'boolean' ? envelope.collectsContact : f.collectsContact,
      }));
    } catch {
      setSurvey(undefined);
      setReadError(t('notJson'));
    }
  };
  const choose = (file: File | undefined) => file && void file.text().then((text) => read(text, file.name));
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    choose(e.dataTransfer.files[0]);
  };

  const envelope = () => ({
    id: form.id,
    respondentType: form.respondentType,
    anonymous: form.anonymous,
    ...(form.collectsContact ? { collectsContact: true } : {}),
    ...(form.collectsContact && form.contactPurpose.trim() ? { contactPurpose: form.contactPurpose.trim() } : {}),
    ...(form.title.trim() ? { title: form.title.trim() } : {}),
    survey,
  });

  async function check(e: FormEvent) {
    e.preventDefault();
    setMessage(undefined);
    try {
      setChecked(await send<CheckAnswer>('POST', '/api/instruments/check', envelope()));
    } catch (err) {
      setChecked(undefined);
      setMessage({ ok: false, text: errorText(locale, err as ApiError) });
    }
  }

  async function publish() {
    try {
      const res = await send<{ instrument: InstrumentSummary; created: boolean }>('POST', '/api/instruments', envelope());
      setMessage({
        ok: true,
        text: res.created
          ? t('published').replace('{v}', String(res.instrument.version))
          : t('same').replace('{v}', String(res.instrument.version)),
        id: res.instrument.id,
      });
      setChecked(undefined);
      await reload();
    } catch (err) {
      setMessage({ ok: false, text: errorText(locale, err as ApiError) });
    }
  }

  const model = useMemo(() => {
    if (!checked?.ok || !checked.instrument) return undefined;
    const built = buildSurveyModel(checked.instrument.survey, () => preview.locale, preview.width);
    built.model.locale = preview.locale === 'ru' ? '' : preview.locale;
    return built.model;
  }, [checked, preview]);

  if (user === undefined)
    return (
      <AccountFrame title={t('title')}>
        <p role="status">{t('loading')}</p>
      </AccountFrame>
    );
  if (user === null)
    return (
      <AccountFrame title={t('title')}>
        <SignInPrompt text={t('notSignedIn')} link={t('goSignIn')} href="/sign-in?next=/instruments" />
      </AccountFrame>
    );
  if (user.role !== 'administrator')
    return (
      <AccountFrame title={t('title')}>
        <p>{t('adminsOnly')}</p>
      </AccountFrame>
    );

  return (
    <AccountFrame title={t('title')}>
      <section aria-labelledby="catalogue">
        <h2 id="catalogue">{t('catalogue')}</h2>
        {!catalogue && <p role="status">{t('loading')}</p>}
        {catalogue && (
          <div className="instruments-scroll" role="region" aria-label={t('catalogue')} tabIndex={0}>
            <table className="instruments-table">
              <thead>
                <tr>
                  <th scope="col">{t('name')}</th>
                  <th scope="col">{t('respondents')}</th>
                  <th scope="col">{t('versions')}</th>
                  <th scope="col">{t('actions')}</th>
                </tr>
              </thead>
              <tbody>
                {catalogue.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">
                      {pick(i.title, locale)}
                      <br />
                      <code>{i.id}</code>
                    </th>
                    <td>
                      {t(`type.${i.respondentType}` as never)}
                      {i.anonymous ? `, ${t('anonymous').toLowerCase()}` : ''}
                    </td>
                    <td>
                      <ul className="instruments-versions">
                        {i.versions.map((v) => (
                          <li key={v}>
                            {t('version')} {v}: {t('campaignsOn').replace('{n}', String(campaignsOf[`${i.id}@${v}`] ?? 0))}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <a href={`/campaigns?plan&instrument=${encodeURIComponent(i.id)}`}>{t('plan')}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="upload">
        <h2 id="upload">{t('upload')}</h2>
        <form onSubmit={check} className="instruments-form">
          <div className="instruments-drop" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
            <label htmlFor="instrument-file">{t('file')}</label>
            <input id="instrument-file" type="file" accept=".json,application/json" onChange={(e) => choose(e.target.files?.[0])} />
            <p className="hint">{fileName ? t('fileRead').replace('{name}', fileName) : t('drop')}</p>
            {readError && (
              <p className="form-error" role="alert">
                {readError}
              </p>
            )}
          </div>
          <Field
            id="instrument-id"
            label={t('id')}
            hint={t('idHint')}
            value={form.id}
            required
            onChange={(id) => setForm({ ...form, id })}
          />
          <Field
            id="instrument-title"
            label={t('titleField')}
            hint={t('titleHint')}
            value={form.title}
            onChange={(title) => setForm({ ...form, title })}
          />
          <label htmlFor="instrument-type">{t('respondents')}</label>
          <select
            id="instrument-type"
            value={form.respondentType}
            onChange={(e) => setForm({ ...form, respondentType: e.target.value as (typeof respondentTypes)[number] })}
          >
            {respondentTypes.map((r) => (
              <option key={r} value={r}>
                {t(`type.${r}` as never)}
              </option>
            ))}
          </select>
          <label className="instruments-check">
            <input type="checkbox" checked={form.anonymous} onChange={(e) => setForm({ ...form, anonymous: e.target.checked })} />{' '}
            {t('anonymous')}
          </label>
          <label className="instruments-check">
            <input
              type="checkbox"
              checked={form.collectsContact}
              onChange={(e) => setForm({ ...form, collectsContact: e.target.checked })}
            />{' '}
            {t('collectsContact')}
          </label>
          {form.collectsContact && (
            <Field
              id="instrument-purpose"
              label={t('contactPurpose')}
              hint={t('contactPurposeHint')}
              value={form.contactPurpose}
              onChange={(contactPurpose) => setForm({ ...form, contactPurpose })}
            />
          )}
          <button type="submit" disabled={!survey}>
            {t('check')}
          </button>
        </form>

        {message && (
          <p className={message.ok ? 'form-ok' : 'form-error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}{' '}
            {message.ok && message.id && <a href={`/campaigns?plan&instrument=${encodeURIComponent(message.id)}`}>{t('plan')}</a>}
          </p>
        )}

        {checked && !checked.ok && (
          <div role="alert">
            <h3>{t('problems').replace('{n}', String(checked.problems.length))}</h3>
            <ul className="instruments-problems">
              {checked.problems.map((p, i) => (
                <li key={i}>
                  <code>{p.path}</code> — {problemText(p.message, locale)}
                </li>
              ))}
            </ul>
          </div>
        )}
        {checked?.ok && (
          <>
            <p role="status">{t('passes').replace('{v}', String(checked.nextVersion))}</p>
            {checked.ignored.length > 0 && (
              <details>
                <summary>{t('ignored').replace('{n}', String(checked.ignored.length))}</summary>
                <ul className="instruments-problems">
                  {checked.ignored.map((p, i) => (
                    <li key={i}>
                      <code>{p.path}</code> — {problemText(p.message, locale)}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <h3>{t('preview')}</h3>
            <div className="instruments-preview-controls" role="group" aria-label={t('preview')}>
              {(['ru', 'en'] as const).map((l) => (
                <button key={l} type="button" aria-pressed={preview.locale === l} onClick={() => setPreview({ ...preview, locale: l })}>
                  {l === 'ru' ? 'Русский' : 'English'}
                </button>
              ))}
              {([390, 1024] as const).map((w) => (
                <button key={w} type="button" aria-pressed={preview.width === w} onClick={() => setPreview({ ...preview, width: w })}>
                  {w === 390 ? t('phone') : t('desktop')}
                </button>
              ))}
            </div>
            <div className="instruments-preview" style={{ maxWidth: preview.width }}>
              {model && <Survey model={model} />}
            </div>
            <button type="button" onClick={() => void publish()}>
              {t('publish').replace('{v}', String(checked.nextVersion))}
            </button>
          </>
        )}
      </section>
    </AccountFrame>
  );
}
