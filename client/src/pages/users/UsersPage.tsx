// Coordinators' screen: the users of their school (school coordinator), of the cluster (cluster
// coordinator) or all (administrator); invite, resend an invitation, deactivate, reactivate.
// An invitation that could not be sent is shown, never hidden.
import { FormEvent, useCallback, useEffect, useState } from 'react';
import { fetchUsers, inviteUser, resendInvitation, Role, RosterResult, setUserActive, uploadRoster, UserView } from '../../api/accounts';
import { fetchSchools, type SchoolView } from '../../api/schools';
import { pick, useTexts } from '../../i18n';
import { AccountFrame } from '../../components/AccountFrame';
import { Field } from '../../components/Field';
import { SignInPrompt } from '../../components/SignInPrompt';
import { useSession } from '../../session';
import { errorText } from '../../errors/texts';
import { accountTexts } from '../account/texts';
import { FilePicker } from '../../components/FilePicker';
import { useUserFilters } from './user-filters';

const invitable: Record<Role, Role[]> = {
  administrator: ['teacher', 'school-coordinator', 'cluster-coordinator', 'administrator'],
  'cluster-coordinator': ['teacher', 'school-coordinator'],
  'school-coordinator': ['teacher'],
  teacher: [],
};

export default function UsersPage() {
  const [locale, t] = useTexts(accountTexts);
  const { user: me } = useSession();
  const [users, setUsers] = useState<UserView[]>();
  const [schools, setSchools] = useState<SchoolView[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [roster, setRoster] = useState<RosterResult>();
  const [rosterFile, setRosterFile] = useState<File>();
  const [form, setForm] = useState({ email: '', name: '', role: 'teacher' as Role, schoolId: '', subject: '', formTutor: false });

  const reload = useCallback(
    () =>
      fetchUsers().then(
        (r) => setUsers(r.users),
        (err) => setMessage({ ok: false, text: errorText(locale, err) }),
      ),
    [locale],
  );
  useEffect(() => {
    fetchSchools().then(
      (r) => setSchools(r.schools),
      () => undefined,
    );
  }, []);
  // Once the session says who is here: their users, and their own school in the form.
  useEffect(() => {
    if (!me) return;
    void reload();
    if (me.schoolId) setForm((f) => ({ ...f, schoolId: me.schoolId! }));
    // Once per person: `reload` is made anew with each render's texts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [me]);

  const filters = useUserFilters(users, schools, (r) => t(`role.${r}`), locale);
  const schoolName = (id?: string) => {
    const s = schools.find((x) => x.id === id);
    return s ? pick(s.shortName, locale) : (id ?? '—');
  };

  async function invite(e: FormEvent) {
    e.preventDefault();
    setMessage(undefined);
    try {
      const needsSchool = form.role === 'teacher' || form.role === 'school-coordinator';
      const res = await inviteUser({
        email: form.email,
        name: form.name || undefined,
        role: form.role,
        schoolId: needsSchool ? form.schoolId || undefined : undefined,
        subject: form.role === 'teacher' && form.subject ? form.subject : undefined,
        formTutor: form.role === 'teacher' ? form.formTutor : undefined,
      });
      setMessage(
        res.invitation.status === 'sent'
          ? { ok: true, text: t('invited') }
          : { ok: false, text: `${t('invitePending')} ${res.invitation.error ?? ''}` },
      );
      setForm((f) => ({ ...f, email: '', name: '', subject: '', formTutor: false }));
      await reload();
    } catch (err) {
      setMessage({ ok: false, text: errorText(locale, err) });
    }
  }

  async function sendRoster(e: FormEvent) {
    e.preventDefault();
    if (!rosterFile) return;
    setMessage(undefined);
    setRoster(undefined);
    try {
      setRoster(await uploadRoster(rosterFile, me?.role === 'school-coordinator' ? undefined : form.schoolId || undefined));
      await reload();
    } catch (err) {
      setMessage({ ok: false, text: errorText(locale, err) });
    }
  }

  async function act(action: () => Promise<unknown>) {
    setMessage(undefined);
    try {
      await action();
      await reload();
    } catch (err) {
      setMessage({ ok: false, text: errorText(locale, err) });
    }
  }

  if (me === undefined)
    return (
      <AccountFrame title={t('usersTitle')}>
        <p role="status">{t('loading')}</p>
      </AccountFrame>
    );
  if (me === null)
    return (
      <AccountFrame title={t('usersTitle')}>
        <SignInPrompt text={t('notSignedIn')} link={t('goSignIn')} href="/sign-in?next=/users" />
      </AccountFrame>
    );
  const roles = invitable[me.role];
  const invitationText = (u: UserView) =>
    u.hasPassword
      ? t('hasPassword')
      : u.invitation?.status === 'sent'
        ? t('invitationSent')
        : u.invitation?.status === 'failed'
          ? t('invitationFailed')
          : u.invitation
            ? t('invitationPending')
            : '';

  return (
    <AccountFrame title={t('usersTitle')}>
      <p>
        <a href="/account">{t('accountTitle')}</a>
      </p>
      {message && (
        <p className={message.ok ? 'form-ok' : 'form-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {roles.length > 0 && (
        <form className="account-form" onSubmit={invite} noValidate aria-labelledby="invite-title">
          <h2 id="invite-title">{t('inviteTitle')}</h2>
          <Field
            id="invite-email"
            label={t('email')}
            type="email"
            value={form.email}
            onChange={(email) => setForm({ ...form, email })}
            required
          />
          <Field id="invite-name" label={t('name')} value={form.name} onChange={(name) => setForm({ ...form, name })} />
          <label htmlFor="invite-role">{t('role')}</label>
          <select id="invite-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
          {(form.role === 'teacher' || form.role === 'school-coordinator') && me.role !== 'school-coordinator' && (
            <>
              <label htmlFor="invite-school">{t('school')}</label>
              <select id="invite-school" value={form.schoolId} onChange={(e) => setForm({ ...form, schoolId: e.target.value })}>
                <option value="">—</option>
                {schools.map((s) => (
                  <option key={s.id} value={s.id}>
                    {pick(s.shortName, locale)}
                  </option>
                ))}
              </select>
            </>
          )}
          {form.role === 'teacher' && (
            <>
              <Field id="invite-subject" label={t('subject')} value={form.subject} onChange={(subject) => setForm({ ...form, subject })} />
              <label className="check">
                <input type="checkbox" checked={form.formTutor} onChange={(e) => setForm({ ...form, formTutor: e.target.checked })} />
                {t('formTutor')}
              </label>
            </>
          )}
          <button type="submit">{t('invite')}</button>
        </form>
      )}
      {roles.includes('teacher') && (
        <form className="account-form" onSubmit={sendRoster} aria-labelledby="roster-title">
          <h2 id="roster-title">{t('rosterTitle')}</h2>
          <p className="hint" id="roster-hint">
            {t('rosterIntro')}
          </p>
          {me.role !== 'school-coordinator' && (
            <p className="hint">
              {t('school')}: {form.schoolId ? schoolName(form.schoolId) : '—'}
            </p>
          )}
          <FilePicker
            id="roster-file"
            label={t('rosterFile')}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            describedBy="roster-hint"
            fileName={rosterFile?.name}
            onFile={setRosterFile}
          />
          <button type="submit" disabled={!rosterFile}>
            {t('rosterUpload')}
          </button>
          {roster && (
            <div role="status">
              <p className="form-ok">
                {t('rosterAdded')} {roster.added.length}
              </p>
              {roster.problems.length > 0 && (
                <>
                  <p className="form-error">{t('rosterProblems')}</p>
                  <ul>
                    {roster.problems.map((p) => (
                      <li key={p.line}>
                        {t('line')} {p.line}: {errorText(locale, p)}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
        </form>
      )}
      {!users && <p role="status">{t('loading')}</p>}
      {users && users.length === 0 && <p>{t('noUsers')}</p>}
      {users && users.length > 0 && filters.controls}
      {users && users.length > 0 && filters.shown.length > 0 && (
        <table className="users-table">
          <thead>
            <tr>
              <th scope="col">{t('email')}</th>
              <th scope="col">{t('role')}</th>
              <th scope="col">{t('school')}</th>
              <th scope="col">{t('active')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('invite')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {filters.shown.map((u) => (
              <tr key={u.id}>
                <td>
                  {u.name && (
                    <>
                      {u.name}
                      <br />
                    </>
                  )}
                  {u.email}
                  {u.shareProfile && (me.role === 'school-coordinator' || me.role === 'administrator') && (
                    <>
                      <br />
                      <a href={`/diagnostic?teacher=${encodeURIComponent(u.id)}`}>{t('sharedProfile')}</a>
                    </>
                  )}
                </td>
                <td>{t(`role.${u.role}`)}</td>
                <td>{u.schoolId ? schoolName(u.schoolId) : '—'}</td>
                <td>
                  {u.active ? t('active') : t('inactive')}
                  <br />
                  <span className={u.invitation?.status === 'failed' || u.invitation?.error ? 'badge-bad' : undefined}>
                    {invitationText(u)}
                  </span>
                  {u.invitation?.error && !u.hasPassword && (
                    <>
                      <br />
                      <small>{u.invitation.error}</small>
                    </>
                  )}
                </td>
                <td>
                  {u.id !== me.id && (
                    <div className="actions">
                      {u.active && !u.hasPassword && (
                        <button
                          type="button"
                          className="button-quiet"
                          onClick={() => void act(() => resendInvitation(u.id))}
                          aria-label={`${t('resend')}: ${u.email}`}
                        >
                          {t('resend')}
                        </button>
                      )}
                      <button
                        type="button"
                        className="button-quiet"
                        onClick={() => void act(() => setUserActive(u.id, !u.active))}
                        aria-label={`${u.active ? t('deactivate') : t('reactivate')}: ${u.email}`}
                      >
                        {u.active ? t('deactivate') : t('reactivate')}
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {users && users.length > 0 && filters.pager}
    </AccountFrame>
  );
}
