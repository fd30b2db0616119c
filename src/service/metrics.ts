/**
 * The service's metrics in the Prometheus text format (prom-client), served at /metrics.
 * Runs are counted from the runner's afterRun hook, so they are the runs this service made
 * (API, scheduler, webhooks, stock following sales); CLI runs in other processes are not seen.
 * Queue length and running runs are read from the run queue at each scrape.
 * `webhookDeliveries` is process-wide so that the webhook inbox can count into it directly.
 */
import client from 'prom-client';
import type { AppContext } from '../app/app-context.js';
import type { RunFinished, RunHook } from '../app/run-events.js';

/** Process-wide metrics: the webhook deliveries and Node's own (memory, event loop, CPU). */
export const sharedRegistry = new client.Registry();
client.collectDefaultMetrics({ register: sharedRegistry, prefix: 'passerelle_' });

/** Webhook deliveries received, by profile, shop kind and outcome ('accepted', 'duplicate', 'bad-signature', 'ping'…). */
export const webhookDeliveries = new client.Counter({
  name: 'passerelle_webhook_deliveries_total',
  help: 'Webhook deliveries received, by profile, shop kind and outcome',
  labelNames: ['profile', 'kind', 'outcome'] as const,
  registers: [sharedRegistry],
});

/** Run durations from half a second to an hour: a stock run takes seconds, a first catalogue export can take long. */
const DURATION_BUCKETS = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

/** One service's run metrics, fed by its afterRun hook. */
export class ServiceMetrics {
  readonly registry = new client.Registry();
  private readonly runs = new client.Counter({
    name: 'passerelle_runs_total', help: 'Runs ended, by profile, action, final status and trigger',
    labelNames: ['profile', 'action', 'status', 'trigger'] as const, registers: [this.registry],
  });
  private readonly failures = new client.Counter({
    name: 'passerelle_run_failures_total', help: 'Runs that failed (status failed), by profile and action',
    labelNames: ['profile', 'action'] as const, registers: [this.registry],
  });
  private readonly itemFailures = new client.Counter({
    name: 'passerelle_run_item_failures_total', help: 'Items that failed alone inside runs (failed count of the run summaries), by profile and entity',
    labelNames: ['profile', 'entity'] as const, registers: [this.registry],
  });
  private readonly previews = new client.Counter({
    name: 'passerelle_previews_total', help: 'Previews (dry runs) ended, by profile and action',
    labelNames: ['profile', 'action'] as const, registers: [this.registry],
  });
  private readonly durations = new client.Histogram({
    name: 'passerelle_run_duration_seconds', help: 'Run durations in seconds, by profile and action',
    labelNames: ['profile', 'action'] as const, buckets: DURATION_BUCKETS, registers: [this.registry],
  });
  private readonly lastSuccess = new client.Gauge({
    name: 'passerelle_run_last_success_timestamp_seconds', help: 'When the last succeeded run of each profile and action ended (Unix time)',
    labelNames: ['profile', 'action'] as const, registers: [this.registry],
  });

  constructor(app: AppContext) {
    new client.Gauge({
      name: 'passerelle_queue_length', help: 'Runs waiting in the run queue (profile busy or global limit reached)', registers: [this.registry],
      collect() {
        this.set(app.queue.stats().queued);
      },
    });
    new client.Gauge({
      name: 'passerelle_runs_running', help: 'Runs of the run queue running now', registers: [this.registry],
      collect() {
        this.set(app.queue.stats().running);
      },
    });
  }

  readonly hook: RunHook = (event: RunFinished) => {
    const { record } = event;
    const labels = { profile: record.profile, action: record.action };
    if (event.preview) {
      this.previews.inc(labels);
      return;
    }
    this.runs.inc({ ...labels, status: record.status, trigger: event.trigger });
    if (record.status === 'failed') this.failures.inc(labels);
    for (const [entity, c] of Object.entries(record.counts)) if (c.failed > 0) this.itemFailures.inc({ profile: record.profile, entity }, c.failed);
    if (record.durationMs !== null) this.durations.observe(labels, record.durationMs / 1000);
    if (record.status === 'succeeded') this.lastSuccess.set(labels, Date.parse(record.endedAt ?? new Date().toISOString()) / 1000);
  };

  /** The text /metrics answers: this service's metrics and the process-wide ones. */
  async text(): Promise<{ contentType: string; body: string }> {
    const merged = client.Registry.merge([sharedRegistry, this.registry]);
    return { contentType: merged.contentType, body: await merged.metrics() };
  }
}
