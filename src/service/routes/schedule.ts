/**
 * A profile's scheduled tasks through the API (PRF-10):
 *   GET    /api/profiles/:name/schedule            tasks with their next run and last run
 *   POST   /api/profiles/:name/schedule            add a task (its id is drawn here)
 *   PATCH  /api/profiles/:name/schedule/:id        {enabled}
 *   DELETE /api/profiles/:name/schedule/:id
 *   POST   /api/profiles/:name/schedule/:id/run    run it now through the run queue (202 + run id)
 * Changes reload the service's scheduler at once; other processes' changes are seen within its
 * reload interval.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
// Its types add summary, description and tags to route schemas (the OpenAPI document).
import type {} from '@fastify/swagger';
import type { AppContext } from '../../app/app-context.js';
import { addTasks, removeTask, setTaskEnabled, type TaskInput } from '../../app/schedule-tasks.js';
import type { Lang } from '../../i18n/catalogue.js';
import { PROFILE_ACTIONS, WEEKDAYS } from '../../profile/schema.js';
import { scheduleStoreOf } from '../../state/schedule-store.js';
import { dispatchTask, findTask, taskView, type Scheduler } from '../scheduler.js';

export interface ScheduleRouteDeps {
  app: AppContext;
  scheduler?: Scheduler;
  langOf: (req: FastifyRequest) => Lang;
}

/** How long run-now waits for its run to start (its profile may be busy) before answering without an id. */
const START_WAIT_MS = 5000;

const errorSchema = {
  type: 'object',
  description: 'An error naming the entity and the field at fault',
  properties: {
    error: { type: 'string' }, message: { type: 'string' }, entity: { type: 'string' }, field: { type: 'string' },
    issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
  },
} as const;

const scheduleFields = {
  cron: { type: 'string', description: 'Cron expression (5 fields, or 6 with seconds), in the profile\'s time zone' },
  everySeconds: { type: 'integer', minimum: 0, description: 'Every N seconds (0 = not this kind)' },
  everyMinutes: { type: 'integer', minimum: 0, description: 'Every N minutes (0 = not this kind)' },
  at: { type: 'string', description: 'Daily at HH:MM in the profile\'s time zone (with days: on those days only)' },
  days: { type: 'array', items: { type: 'string', enum: [...WEEKDAYS] }, description: 'Days of the week, with at' },
} as const;

const paramsSchema = {
  type: 'object', additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] }, description: 'The action\'s parameters (newOnly, reconcile, period…)',
} as const;

const taskViewSchema = {
  type: 'object',
  description: 'A scheduled task with its next run and its last run',
  properties: {
    id: { type: 'string', description: 'Stable task id' },
    action: { type: 'string' },
    params: paramsSchema,
    enabled: { type: 'boolean' },
    schedule: { type: 'string', description: 'The schedule in words, in the reply\'s language' },
    ...scheduleFields,
    next: { type: ['string', 'null'], description: 'Next run (ISO 8601), null when off' },
    nextLocal: { type: ['string', 'null'], description: 'Next run in the profile\'s time zone' },
    timezone: { type: 'string' },
    lastRun: {
      type: ['object', 'null'],
      properties: {
        id: { type: 'integer' }, status: { type: 'string' }, startedAt: { type: 'string' }, endedAt: { type: ['string', 'null'] },
        trigger: { type: ['string', 'null'], description: 'schedule, api, cli…' },
      },
    },
  },
} as const;

const nameParams = { type: 'object', required: ['name'], properties: { name: { type: 'string', description: 'Profile name' } } } as const;
const taskParams = {
  type: 'object', required: ['name', 'id'],
  properties: { name: { type: 'string', description: 'Profile name' }, id: { type: 'string', description: 'Task id' } },
} as const;

export function registerScheduleRoutes(server: FastifyInstance, { app, scheduler, langOf }: ScheduleRouteDeps): void {
  const store = () => scheduleStoreOf(app.state.db);
  const view = (name: string, id: string) => {
    const profile = app.profiles.load(name);
    return taskView(app, store(), profile, findTask(profile, id), new Date());
  };
  // In the reply's language: the schedule in words.
  const inLang = <T>(req: FastifyRequest, fn: () => T): T => {
    app.useLanguage(langOf(req));
    try {
      return fn();
    } finally {
      app.useLanguage();
    }
  };

  server.get<{ Params: { name: string } }>('/api/profiles/:name/schedule', {
    schema: {
      summary: 'A profile\'s scheduled tasks', tags: ['schedule'], params: nameParams,
      response: {
        200: {
          type: 'object',
          properties: {
            profile: { type: 'string' }, enabled: { type: 'boolean', description: 'schedule.enabled: the profile\'s tasks run' },
            timezone: { type: 'string' }, tasks: { type: 'array', items: taskViewSchema },
          },
        },
        404: errorSchema,
      },
    },
  }, async (req) => inLang(req, () => {
    const profile = app.profiles.load(req.params.name);
    const now = new Date();
    return {
      profile: profile.name, enabled: profile.schedule.enabled, timezone: profile.general.timezone,
      tasks: profile.schedule.tasks.map((t) => taskView(app, store(), profile, t, now)),
    };
  }));

  server.post<{ Params: { name: string }; Body: TaskInput }>('/api/profiles/:name/schedule', {
    schema: {
      summary: 'Add a scheduled task', tags: ['schedule'], params: nameParams,
      body: {
        type: 'object', required: ['action'],
        properties: {
          id: { type: 'string', description: 'Task id (4 to 16 lowercase letters or digits); drawn at random when left out' },
          action: { type: 'string', description: `One of ${PROFILE_ACTIONS.join(', ')}` },
          params: paramsSchema, enabled: { type: 'boolean', default: true }, ...scheduleFields,
        },
      },
      response: { 201: taskViewSchema, 400: errorSchema, 404: errorSchema },
    },
  }, async (req, reply) => {
    const [task] = addTasks(app, req.params.name, [req.body]);
    scheduler?.reload();
    return reply.code(201).send(inLang(req, () => view(req.params.name, task!.id)));
  });

  server.patch<{ Params: { name: string; id: string }; Body: { enabled: boolean } }>('/api/profiles/:name/schedule/:id', {
    schema: {
      summary: 'Enable or disable a scheduled task', tags: ['schedule'], params: taskParams,
      body: { type: 'object', required: ['enabled'], properties: { enabled: { type: 'boolean' } } },
      response: { 200: taskViewSchema, 400: errorSchema, 404: errorSchema },
    },
  }, async (req) => {
    setTaskEnabled(app, req.params.name, req.params.id, req.body.enabled);
    scheduler?.reload();
    return inLang(req, () => view(req.params.name, req.params.id));
  });

  server.delete<{ Params: { name: string; id: string } }>('/api/profiles/:name/schedule/:id', {
    schema: {
      summary: 'Remove a scheduled task', tags: ['schedule'], params: taskParams,
      response: { 200: { type: 'object', properties: { deleted: { type: 'string' }, profile: { type: 'string' } } }, 404: errorSchema },
    },
  }, async (req) => {
    removeTask(app, req.params.name, req.params.id);
    scheduler?.reload();
    return { deleted: req.params.id, profile: req.params.name };
  });

  server.post<{ Params: { name: string; id: string } }>('/api/profiles/:name/schedule/:id/run', {
    schema: {
      summary: 'Run a scheduled task now', description: 'Through the run queue: waits behind a run of the same profile.',
      tags: ['schedule'], params: taskParams,
      response: {
        202: {
          type: 'object',
          properties: {
            id: { type: ['integer', 'null'], description: 'The run id; null while it waits for its profile' },
            profile: { type: 'string' }, task: { type: 'string' }, action: { type: 'string' },
            status: { type: 'string', description: 'running, or queued' }, journal: { type: ['string', 'null'] },
          },
        },
        404: errorSchema,
      },
    },
  }, async (req, reply) => {
    const profile = app.profiles.load(req.params.name);
    const task = findTask(profile, req.params.id);
    const { started, done } = dispatchTask(app, profile.name, task, 'api');
    done.catch(() => undefined); // its outcome is in the history
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([started, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), START_WAIT_MS)))]);
    clearTimeout(timer);
    return reply.code(202).send({
      id: waited, profile: profile.name, task: task.id, action: task.action,
      status: waited === null ? 'queued' : 'running', journal: waited === null ? null : `/api/runs/${waited}/journal`,
    });
  });
}
