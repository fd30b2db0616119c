/**
 * `passerelle schedule add | list | remove | enable | disable | run-now` (PRF-10): a profile's
 * scheduled tasks, kept in its `schedule.tasks`. A running service sees the change within its
 * reload interval. `run-now` runs the task in this process, journal on the terminal, exit code by
 * status, like the action commands.
 */
import type { Command } from 'commander';
import { defaultReconcileTasks } from '../actions/default-tasks.js';
import type { AppContext } from '../app/app-context.js';
import { addTasks, parseDays, parseEvery, parseParam, removeTask, setTaskEnabled, type TaskInput } from '../app/schedule-tasks.js';
import { ConfigError } from '../errors.js';
import { msg, render, tr, type MessageKey } from '../i18n/catalogue.js';
import { runStatusLabel } from '../i18n/labels.js';
import { formatTimestamp } from '../journal/journal.js';
import { scheduleStoreOf } from '../state/schedule-store.js';
import { describeSchedule } from '../service/task-timing.js';
import { findTask, taskView } from '../service/scheduler.js';
import { runFromCli } from './action-commands.js';
import { printJson, printLine, printNote } from './output.js';
import { profileFor, requireOptionsPassword } from './profile-commands.js';

interface AddOptions {
  profile?: string;
  id?: string;
  action?: string;
  every?: string;
  at?: string;
  days?: string;
  cron?: string;
  param: string[];
  disabled: boolean;
  defaults: boolean;
  password?: string;
  json: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** The task the flags describe; the profile store checks the rest (one schedule, a known action…). */
function taskFromFlags(o: AddOptions): TaskInput {
  let params: Record<string, string | number | boolean> = {};
  for (const p of o.param) params = parseParam(p, params);
  return {
    ...(o.id ? { id: o.id } : {}),
    action: o.action ?? '',
    params,
    enabled: !o.disabled,
    ...(o.every ? parseEvery(o.every) : {}),
    ...(o.at ? { at: o.at } : {}),
    ...(o.days ? { days: parseDays(o.days) } : {}),
    ...(o.cron ? { cron: o.cron } : {}),
  };
}

export function registerScheduleCommands(program: Command, app: () => AppContext): void {
  const schedule = program.command('schedule').description(tr('help.schedule'));
  const pw = ['--password <password>', tr('help.optionsPassword')] as const;

  schedule
    .command('add')
    .description(tr('help.scheduleAdd'))
    .option('--profile <name>', tr('help.profile'))
    .option('--id <id>', tr('help.scheduleId'))
    .option('--action <action>', tr('help.scheduleAction'))
    .option('--every <duration>', tr('help.scheduleEvery'))
    .option('--at <HH:MM>', tr('help.scheduleAt'))
    .option('--days <days>', tr('help.scheduleDays'))
    .option('--cron <expression>', tr('help.scheduleCron'))
    .option('--param <key=value>', tr('help.scheduleParam'), collect, [])
    .option('--disabled', tr('help.scheduleDisabled'), false)
    .option('--defaults', tr('help.scheduleDefaults'), false)
    .option('--json', tr('help.jsonOutput'), false)
    .option(...pw)
    .action((opts: AddOptions) => {
      const a = app();
      const name = profileFor(a, opts.profile);
      requireOptionsPassword(a, opts.password);
      const inputs: TaskInput[] = opts.defaults ? defaultReconcileTasks().map(({ id: _id, ...t }) => t) : [];
      if (opts.action) inputs.push(taskFromFlags(opts));
      if (!inputs.length) throw new ConfigError(msg('schedule.err.nothing'), 'schedule add', 'action');
      const added = addTasks(a, name, inputs);
      if (opts.json) return printJson(added);
      for (const t of added) printLine(tr('schedule.added', { id: t.id, profile: name, action: t.action, schedule: render(describeSchedule(t)) }));
    });

  schedule
    .command('list')
    .description(tr('help.scheduleList'))
    .option('--profile <name>', tr('help.profile'))
    .option('--json', tr('help.jsonOutput'), false)
    .action((opts: { profile?: string; json: boolean }) => {
      const a = app();
      const profile = a.profiles.load(profileFor(a, opts.profile));
      a.state.reapDeadRuns();
      const store = scheduleStoreOf(a.state.db);
      const now = new Date();
      const views = profile.schedule.tasks.map((t) => taskView(a, store, profile, t, now));
      if (opts.json) return printJson({ profile: profile.name, enabled: profile.schedule.enabled, timezone: profile.general.timezone, tasks: views });
      if (!profile.schedule.enabled) printNote(tr('schedule.profileOff'));
      if (!views.length) return printLine(tr('schedule.none', { profile: profile.name }));
      const tz = profile.general.timezone;
      for (const v of views) {
        const params = Object.keys(v.params).length ? JSON.stringify(v.params) : '';
        printLine(tr('schedule.listLine', {
          id: v.id, state: tr(v.enabled ? 'schedule.state.on' : 'schedule.state.off'), action: v.action, params, schedule: v.schedule,
          next: v.nextLocal ? `${v.nextLocal} (${tz})` : '-',
          last: v.lastRun
            ? tr('schedule.lastRun', { id: v.lastRun.id, started: formatTimestamp(new Date(v.lastRun.startedAt), tz), status: runStatusLabel(v.lastRun.status) })
            : tr('schedule.never'),
        }).replace(/ {3,}/g, '  '));
      }
    });

  // remove, enable, disable: one task by its id, a change of the profile (options password).
  const edits: [string, MessageKey, (a: AppContext, profile: string, id: string) => MessageKey][] = [
    ['remove <id>', 'help.scheduleRemove', (a, name, id) => (removeTask(a, name, id), 'schedule.removed')],
    ['enable <id>', 'help.scheduleEnable', (a, name, id) => (setTaskEnabled(a, name, id, true), 'schedule.enabled')],
    ['disable <id>', 'help.scheduleDisable', (a, name, id) => (setTaskEnabled(a, name, id, false), 'schedule.disabled')],
  ];
  for (const [command, help, edit] of edits) {
    schedule
      .command(command)
      .description(tr(help))
      .option('--profile <name>', tr('help.profile'))
      .option(...pw)
      .action((id: string, opts: { profile?: string; password?: string }) => {
        const a = app();
        const name = profileFor(a, opts.profile);
        requireOptionsPassword(a, opts.password);
        printLine(tr(edit(a, name, id), { id, profile: name }));
      });
  }

  schedule
    .command('run-now <id>')
    .description(tr('help.scheduleRunNow'))
    .option('--profile <name>', tr('help.profile'))
    .option('--json', tr('help.printTheRunRecordAs'), false)
    .action(async (id: string, opts: { profile?: string; json: boolean }) => {
      const a = app();
      const name = profileFor(a, opts.profile);
      const task = findTask(a.profiles.load(name), id);
      const store = scheduleStoreOf(a.state.db);
      await runFromCli(a, {
        profile: name, action: task.action, params: task.params, json: opts.json, trigger: 'cli',
        onStarted: (runId) => store.noteRun(runId, name, 'cli', task.id),
      });
    });
}
