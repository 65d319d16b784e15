// On a school form's task, for the school's coordinator: the colleagues who fill the form in with
// them (its working group). Ticked from the school's staff and saved; each member then has the task.
import { useState } from 'react';
import { fetchWorkingGroup, saveWorkingGroup, type GroupCandidate } from '../../api/school-forms';
import { errorText } from '../../errors/texts';
import { useTexts } from '../../i18n';
import { tasksTexts } from './tasks-texts';

export function WorkingGroup({ campaignId, schoolId, title }: { campaignId: string; schoolId: string; title: string }) {
  const [locale, t] = useTexts(tasksTexts);
  const [candidates, setCandidates] = useState<GroupCandidate[]>();
  const [members, setMembers] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const load = () =>
    fetchWorkingGroup(campaignId, schoolId).then(
      (g) => {
        setCandidates(g.candidates);
        setMembers(new Set(g.members));
      },
      (err) => setError(errorText(locale, err)),
    );
  const save = async () => {
    setStatus(undefined);
    setError(undefined);
    try {
      const saved = await saveWorkingGroup(campaignId, schoolId, [...members]);
      setMembers(new Set(saved.members));
      setStatus(t('group.saved'));
    } catch (err) {
      setError(errorText(locale, err));
    }
  };
  const colleagues = candidates?.filter((c) => c.role === 'teacher') ?? [];
  return (
    <details className="working-group" onToggle={(e) => (e.currentTarget.open && !candidates ? void load() : undefined)}>
      <summary>
        {t('group.title')}
        <span className="visually-hidden">: {title}</span>
      </summary>
      <p className="field-hint">{t('group.hint')}</p>
      {candidates && colleagues.length === 0 && <p>{t('group.none')}</p>}
      {colleagues.length > 0 && (
        <fieldset>
          <legend className="visually-hidden">{t('group.title')}</legend>
          {colleagues.map((c) => (
            <label key={c.id} className="checkbox-line">
              <input
                type="checkbox"
                checked={members.has(c.id)}
                onChange={(e) => {
                  const next = new Set(members);
                  if (e.target.checked) next.add(c.id);
                  else next.delete(c.id);
                  setMembers(next);
                }}
              />{' '}
              {c.name || c.email}
            </label>
          ))}
          <button type="button" className="button" onClick={() => void save()}>
            {t('group.save')}
          </button>
        </fieldset>
      )}
      <p role="status">{status}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
