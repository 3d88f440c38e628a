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
