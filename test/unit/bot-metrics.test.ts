import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BotMetrics } from "../../src/metrics/bot-metrics.js";

describe("BotMetrics.text (what /metrics serves)", () => {
  it("serves every other metric when the queue depths never come (Redis hung)", async () => {
    const metrics = new BotMetrics();
    metrics.deliveries.inc({ outcome: "sent" });
    metrics.watchQueues(() => new Promise(() => {}));
    const { body } = await metrics.text();
    expect(body).toContain('mentorship_deliveries_total{outcome="sent"} 1');
    expect(body).not.toMatch(/^mentorship_queue_jobs\{/m);
  });

  it("serves every other metric when reading the queue depths fails", async () => {
    const metrics = new BotMetrics();
    metrics.deliveries.inc({ outcome: "sent" });
    metrics.watchQueues(async () => [{ queue: "notifications", counts: { waiting: 3 } }]);
    expect((await metrics.text()).body).toContain(
      'mentorship_queue_jobs{queue="notifications",state="waiting"} 3',
    );
    metrics.watchQueues(() => Promise.reject(new Error("Connection is closed.")));
    const { body } = await metrics.text();
    expect(body).toContain('mentorship_deliveries_total{outcome="sent"} 1');
    // Left out, not the last depths read.
    expect(body).not.toMatch(/^mentorship_queue_jobs\{/m);
  });
});

describe("README's table of metrics", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const table = readme.slice(
    readme.indexOf("| Metric "),
    readme.indexOf("\n\n", readme.indexOf("| Metric ")),
  );
  const rows = table.split("\n").slice(2);

  it("lists each metric with the labels it has, no more and no fewer", () => {
    const metrics = new BotMetrics();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const [, names = "", labels = ""] = row.split("|");
      // The label names: backticked words outside parentheses (those hold example values).
      const listed = [...labels.replace(/\([^)]*\)/g, "").matchAll(/`([a-z_]+)`/g)].map(
        (m) => m[1],
      );
      for (const [, name] of names.replace(/\([^)]*\)/g, "").matchAll(/`([a-z_]+)`/g)) {
        const declared = labelsOf(metrics, `mentorship_${name}`);
        expect([...declared].sort(), name).toEqual([...listed].sort());
      }
    }
  });
});

/** The label names a registered metric was declared with; fails for a metric not registered. */
function labelsOf(metrics: BotMetrics, name: string): readonly string[] {
  const metric = metrics.registry.getSingleMetric(name) as
    | { labelNames?: readonly string[] }
    | undefined;
  if (!metric) throw new Error(`README lists ${name}, which is not registered`);
  return metric.labelNames ?? [];
}
