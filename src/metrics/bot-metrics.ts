import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** Where a job ended up after one attempt. */
export type JobOutcome = "completed" | "retried" | "failed";
/** How many jobs one queue holds in each state worth watching. */
export interface QueueDepth {
  queue: string;
  /** By state: waiting, active, delayed, failed. */
  counts: Record<string, number>;
}

/** What one HTTP call to Slack's Web API came back with. */
export type SlackCallOutcome = "ok" | "rate_limited" | "server_error" | "error";

const PREFIX = "mentorship_";

/** How long a scrape waits for the queue depths: a Redis down must not take /metrics with it. */
const QUEUE_READ_WAIT_MS = 1_000;

/**
 * Every metric one bot exposes, on a registry of its own: nothing is global, so two bots in
 * one process (the tests) never share or double-register a metric. Labels are bounded sets
 * (routes, subcommands, job names, Slack methods), never ids or free text.
 */
export class BotMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: `${PREFIX}http_requests_total`,
    help: "HTTP requests served on PORT, by route and status code.",
    labelNames: ["route", "status"] as const,
    registers: [this.registry],
  });

  readonly commandSeconds = new Histogram({
    name: `${PREFIX}slash_command_duration_seconds`,
    help: "Time from receiving a slash command to sending its reply, by subcommand.",
    labelNames: ["subcommand"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
    registers: [this.registry],
  });

  readonly jobs = new Counter({
    name: `${PREFIX}jobs_total`,
    help: "Job attempts by job name and outcome: completed, retried, or failed for good.",
    labelNames: ["name", "outcome"] as const,
    registers: [this.registry],
  });

  readonly jobSeconds = new Histogram({
    name: `${PREFIX}job_duration_seconds`,
    help: "How long one job attempt ran, by job name and outcome.",
    labelNames: ["name", "outcome"] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly queueJobs = new Gauge({
    name: `${PREFIX}queue_jobs`,
    help: "Jobs in each queue by state (waiting, active, delayed, failed), read at scrape time.",
    labelNames: ["queue", "state"] as const,
    registers: [this.registry],
    collect: () => this.collectQueueDepths(),
  });

  readonly slackCalls = new Counter({
    name: `${PREFIX}slack_api_calls_total`,
    help: "HTTP calls to Slack's Web API by method and outcome (ok, rate_limited, server_error, error).",
    labelNames: ["method", "outcome"] as const,
    registers: [this.registry],
  });

  readonly deliveries = new Counter({
    name: `${PREFIX}deliveries_total`,
    help: "Messages the delivery ledger recorded as sent, and sends it suppressed as duplicates.",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });

  readonly sweepSeconds = new Histogram({
    name: `${PREFIX}sweep_duration_seconds`,
    help: "How long one sweep for due work (check-ins, feedback) took.",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  readonly sweepDue = new Counter({
    name: `${PREFIX}sweep_due_items_total`,
    help: "Due items the sweeps found, by kind (check-ins, reminders, feedback prompts, ...).",
    labelNames: ["kind"] as const,
    registers: [this.registry],
  });

  readonly purged = new Counter({
    name: `${PREFIX}retention_purged_total`,
    help: "Documents the retention sweep deleted, by collection.",
    labelNames: ["collection"] as const,
    registers: [this.registry],
  });

  private readQueues: (() => Promise<QueueDepth[]>) | undefined;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Queue depths are read from Redis when Prometheus scrapes, not kept up to date. */
  watchQueues(read: () => Promise<QueueDepth[]>): void {
    this.readQueues = read;
  }

  /** Unread in time or failed: the gauge is left out of this scrape, never shown stale. */
  private async collectQueueDepths(): Promise<void> {
    this.queueJobs.reset();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, QUEUE_READ_WAIT_MS, undefined);
    });
    const read = Promise.resolve(this.readQueues?.()).catch(() => undefined);
    const depths = await Promise.race([read, late]).finally(() => clearTimeout(timer));
    for (const { queue, counts } of depths ?? []) {
      for (const [state, count] of Object.entries(counts))
        this.queueJobs.set({ queue, state }, count);
    }
  }

  /** Counts what one sweep found, by kind; nested results ({ feedback: {…} }) become "feedback.x". */
  countSweepFindings(counts: object, prefix = ""): void {
    for (const [kind, value] of Object.entries(counts)) {
      if (typeof value === "number" && value > 0) this.sweepDue.inc({ kind: prefix + kind }, value);
      else if (value && typeof value === "object")
        this.countSweepFindings(value, `${prefix}${kind}.`);
    }
  }

  /** The Prometheus text exposition of every metric. */
  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
