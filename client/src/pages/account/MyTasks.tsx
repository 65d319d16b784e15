// The account page's tasks: what open campaigns ask of the signed-in teacher or school
// coordinator, by when, and a button to it; "done" once done; gone when the campaign closes.
import { useEffect, useState } from 'react';
import { fetchMyTasks, MyTask } from '../../api/campaigns';
import { pick, useTexts } from '../../i18n';
import { useSession } from '../../session';
import { tasksTexts } from './tasks-texts';
import { WorkingGroup } from './WorkingGroup';
import './tasks.css';

const dayFormat = (day: string, locale: 'ru' | 'en') =>
  new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );

export function MyTasks() {
  const [locale, t] = useTexts(tasksTexts);
  const [tasks, setTasks] = useState<MyTask[] | null>();
  const { user } = useSession();
  // A school coordinator names the working group of each of their school's forms.
  const groupSchool = user?.role === 'school-coordinator' ? user.schoolId : undefined;
  useEffect(() => {
    fetchMyTasks().then(
      (r) => setTasks(r.tasks),
      () => setTasks(null),
    );
  }, []);
  const action = (task: MyTask) =>
    task.status === 'done' ? t('view') : task.status === 'started' ? t('resume') : task.kind === 'school-form' ? t('fill') : t('open');
  return (
    <section aria-labelledby="my-tasks-title" className="my-tasks">
      <h2 id="my-tasks-title">{t('title')}</h2>
      {tasks === undefined && <p role="status">{t('loading')}</p>}
      {tasks === null && (
        <p className="form-error" role="alert">
          {t('failed')}
        </p>
      )}
      {tasks?.length === 0 && <p>{t('none')}</p>}
      {!!tasks?.length && (
        <ul className="task-list">
          {tasks.map((task) => (
            <li key={task.campaignId} className={`task task-${task.status}`}>
              <div>
                <p className="task-kind">{t(`kind.${task.kind}`)}</p>
                <h3 className="task-title">{pick(task.title, locale)}</h3>
                <p className="task-when">
                  {t('until')} {dayFormat(task.closesOn, locale)} · <span className="task-status">{t(`status.${task.status}`)}</span>
                </p>
              </div>
              <a className="button task-go" href={task.path} aria-label={`${action(task)}: ${pick(task.title, locale)}`}>
                {action(task)}
              </a>
              {task.kind === 'school-form' && groupSchool && (
                <WorkingGroup campaignId={task.campaignId} schoolId={groupSchool} title={pick(task.title, locale)} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
