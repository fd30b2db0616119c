/**
 * The Planification tab: the profile's scheduled tasks (PRF-10) with their schedule in words, next
 * run and last outcome; enable or disable, remove, run now; and a form to add one (every N
 * minutes, daily at a time on chosen days, or a cron expression). Through routes/schedule.ts.
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiRun } from '../../../src/service/api-types.ts';
import type { ApiScheduleView, ApiTaskInput, ApiTaskRunStarted, ApiTaskView, ApiWeekday } from '../../../src/service/api-types-main-window.ts';
import { api, ApiError, profilePath } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { useT } from '../i18n/index.ts';
import { actionLabel } from './labels.ts';

const DAYS: readonly ApiWeekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** The actions a task may run (PROFILE_ACTIONS of src/profile/schema.ts, without the file-bound load-xml). */
const TASK_ACTIONS = [
  'products.export', 'products.prices', 'products.stocks', 'products.status', 'categories.export', 'customers.export', 'customers.groups',
  'customers.disable', 'prospects.import', 'orders.import', 'orders.repair', 'orders.status', 'gescom.check', 'shop.check', 'invoices.send',
] as const;
type Kind = 'everyMinutes' | 'daily' | 'cron';

/** How often a task run now is looked at until it ends (its journal is not streamed: it runs through the scheduler's queue). */
const POLL_MS = 1000;
/** Failed looks in a row after which the watch gives up (the service is gone, or the run is). */
const MAX_FAILURES = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function ScheduleTab({ profile, onChanged }: { profile: string; onChanged: () => void }) {
  const { t, lang } = useT();
  const [view, setView] = useState<ApiScheduleView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [action, setAction] = useState<string>('orders.import');
  const [kind, setKind] = useState<Kind>('everyMinutes');
  const [minutes, setMinutes] = useState('15');
  const [at, setAt] = useState('08:00');
  const [days, setDays] = useState<ApiWeekday[]>([]);
  const [cron, setCron] = useState('0 */2 * * *');

  const alive = useRef(true);
  useEffect(() => () => {
    alive.current = false;
  }, []);

  const load = async () => {
    try {
      setView(await api.get<ApiScheduleView>(profilePath(profile, '/schedule')));
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    void load();
  }, [profile, lang]);

  const act = async (fn: () => Promise<unknown>, done?: string) => {
    setNotice('');
    try {
      await fn();
      setError(null);
      if (done) setNotice(done);
      await load();
      onChanged();
    } catch (err) {
      setError(err);
    }
  };

  const add = () => {
    const body: ApiTaskInput = { action };
    if (kind === 'everyMinutes') body.everyMinutes = Number(minutes);
    else if (kind === 'daily') Object.assign(body, { at, ...(days.length ? { days } : {}) });
    else body.cron = cron.trim();
    return act(() => api.post<ApiTaskView>(profilePath(profile, '/schedule'), body), t('mainWindow.taskAdded', { action: actionLabel(t, action) }));
  };

  // Watches started for the profile shown: a change of profile (or leaving the tab) ends them.
  const watchToken = useRef(0);
  useEffect(() => () => {
    watchToken.current += 1;
  }, [profile]);

  // The run goes through the scheduler's queue, like a due task: said when it starts, then when it ends.
  const watch = async (id: number, action: string) => {
    const token = watchToken.current;
    const watching = () => alive.current && token === watchToken.current;
    let failures = 0;
    for (;;) {
      let run: ApiRun | null = null;
      try {
        run = await api.get<ApiRun>(`/api/runs/${id}`);
        failures = 0;
      } catch (err) {
        if (!watching()) return;
        // An unknown run will not appear later; other failures are retried a few times.
        if ((err instanceof ApiError && err.status === 404) || ++failures >= MAX_FAILURES) return setError(err);
      }
      if (!watching()) return;
      if (run && run.status !== 'running') {
        setNotice(t('mainWindow.taskRunEnded', { id, action: actionLabel(t, action), status: run.statusLabel }));
        await load();
        onChanged();
        return;
      }
      await sleep(POLL_MS);
      if (!watching()) return;
    }
  };
  const runNow = async (task: ApiTaskView) => {
    const started: { run?: ApiTaskRunStarted } = {};
    await act(async () => {
      const r = await api.post<ApiTaskRunStarted>(profilePath(profile, `/schedule/${encodeURIComponent(task.id)}/run`));
      started.run = r;
      if (r.id === null) return setNotice(t('mainWindow.taskQueued', { action: actionLabel(t, r.action) }));
      setNotice(t('mainWindow.taskRunStarted', { id: r.id, action: actionLabel(t, r.action) }));
    });
    // Watched once act's reload is done: that reload clears the error banner, and would hide what the watch says.
    if (started.run?.id != null) void watch(started.run.id, started.run.action);
  };

  return (
    <div className="mw-schedule-tab" data-testid="schedule-tab">
      <ErrorBanner error={error} />
      {notice && <p role="status" className="mw-notice">{notice}</p>}
      {view && !view.enabled && <p className="mw-hint">{t('mainWindow.scheduleOff')}</p>}
      {view && (
        <table className="mw-tasks">
          <caption>{t('mainWindow.tasksCaption', { tz: view.timezone })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mainWindow.taskAction')}</th>
              <th scope="col">{t('mainWindow.taskWhen')}</th>
              <th scope="col">{t('mainWindow.taskNext')}</th>
              <th scope="col">{t('mainWindow.taskLast')}</th>
              <th scope="col">{t('mainWindow.taskEnabled')}</th>
              <th scope="col">{t('mainWindow.taskActions')}</th>
            </tr>
          </thead>
          <tbody>
            {view.tasks.length === 0 && (
              <tr>
                <td colSpan={6}>{t('mainWindow.noTasks')}</td>
              </tr>
            )}
            {view.tasks.map((task) => {
              const name = `${actionLabel(t, task.action)} (${task.id})`;
              return (
                <tr key={task.id} data-task={task.id}>
                  <th scope="row">{name}</th>
                  <td>{task.schedule}</td>
                  <td>{task.nextLocal ?? '–'}</td>
                  <td>{task.lastRun ? `#${task.lastRun.id} ${task.lastRun.status}` : '–'}</td>
                  <td>
                    <input
                      type="checkbox" role="switch" checked={task.enabled} aria-checked={task.enabled}
                      aria-label={t('mainWindow.taskEnableFor', { task: name })}
                      onChange={(e) => void act(() => api.patch(profilePath(profile, `/schedule/${encodeURIComponent(task.id)}`), { enabled: e.target.checked }))}
                    />
                  </td>
                  <td className="mw-task-buttons">
                    <button type="button" aria-label={t('mainWindow.taskRunFor', { task: name })} onClick={() => void runNow(task)}>{t('mainWindow.taskRun')}</button>
                    <button
                      type="button" aria-label={t('mainWindow.taskRemoveFor', { task: name })}
                      onClick={() => void act(() => api.del(profilePath(profile, `/schedule/${encodeURIComponent(task.id)}`)), t('mainWindow.taskRemoved', { task: name }))}
                    >
                      {t('mainWindow.taskRemove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form
        className="mw-task-form"
        aria-labelledby="task-form-title"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <h3 id="task-form-title">{t('mainWindow.taskAddTitle')}</h3>
        <label>
          {t('mainWindow.taskAction')}{' '}
          <select value={action} onChange={(e) => setAction(e.target.value)}>
            {TASK_ACTIONS.map((a) => <option key={a} value={a}>{actionLabel(t, a)}</option>)}
          </select>
        </label>
        <fieldset>
          <legend>{t('mainWindow.taskWhen')}</legend>
          <label>
            <input type="radio" name="task-kind" checked={kind === 'everyMinutes'} onChange={() => setKind('everyMinutes')} /> {t('mainWindow.kindEvery')}
          </label>
          <label>
            <input type="radio" name="task-kind" checked={kind === 'daily'} onChange={() => setKind('daily')} /> {t('mainWindow.kindDaily')}
          </label>
          <label>
            <input type="radio" name="task-kind" checked={kind === 'cron'} onChange={() => setKind('cron')} /> {t('mainWindow.kindCron')}
          </label>
          {kind === 'everyMinutes' && (
            <label className="mw-block">
              {t('mainWindow.minutes')}{' '}
              <input type="number" min={1} max={1440} value={minutes} onChange={(e) => setMinutes(e.target.value)} required />
            </label>
          )}
          {kind === 'daily' && (
            <>
              <label className="mw-block">
                {t('mainWindow.at')}{' '}
                <input type="time" value={at} onChange={(e) => setAt(e.target.value)} required />
              </label>
              <div role="group" aria-label={t('mainWindow.days')} className="mw-days">
                {DAYS.map((d) => (
                  <label key={d}>
                    <input type="checkbox" checked={days.includes(d)} onChange={(e) => setDays(e.target.checked ? [...days, d] : days.filter((x) => x !== d))} />{' '}
                    {t(`mainWindow.day_${d}`)}
                  </label>
                ))}
              </div>
            </>
          )}
          {kind === 'cron' && (
            <label className="mw-block">
              {t('mainWindow.cron')}{' '}
              <input type="text" value={cron} onChange={(e) => setCron(e.target.value)} required />
            </label>
          )}
        </fieldset>
        <button type="submit" className="primary">{t('mainWindow.taskAdd')}</button>
      </form>
    </div>
  );
}
