import { describe, expect, it } from "vitest";
import type { Sweeper } from "../../src/domain/sweeper.js";
import {
  deferredShoutOutSweeper,
  feedbackSweeper,
  forgettingSweeper,
  type SweepMetrics,
  Sweeps,
} from "../../src/jobs/sweepers.js";

function recordingMetrics() {
  const seen = { timed: 0, counted: [] as object[] };
  const metrics: SweepMetrics = {
    sweepSeconds: { startTimer: () => () => void seen.timed++ },
    countSweepFindings: (findings) => void seen.counted.push(findings),
  };
  return { metrics, seen };
}

describe("Sweeps", () => {
  it("asks every sweeper once, in list order, and merges what they found", async () => {
    const order: string[] = [];
    const sweeper = <F extends object>(name: string, findings: F): Sweeper<F> => ({
      sweep: async () => {
        order.push(name);
        return findings;
      },
    });
    const { metrics, seen } = recordingMetrics();
    const sweeps = new Sweeps(
      [sweeper("checkins", { created: 2 }), sweeper("feedback", { feedback: { prompts: 1 } })],
      metrics,
    );

    const findings = await sweeps.run();

    expect(order).toEqual(["checkins", "feedback"]);
    expect(findings).toEqual({ created: 2, feedback: { prompts: 1 } });
    expect(seen).toEqual({ timed: 1, counted: [{ created: 2, feedback: { prompts: 1 } }] });
  });

  it("a new time-driven concern is one more sweeper in the list", async () => {
    const { metrics } = recordingMetrics();
    let deferredAsked = 0;
    const sweeps = new Sweeps(
      [
        feedbackSweeper({ sweep: async () => ({ prompts: 0, reminders: 3, expired: 1 }) }),
        deferredShoutOutSweeper({
          sweepDeferred: async () => {
            deferredAsked++;
            return 4;
          },
        }),
      ],
      metrics,
    );

    // The waiting shout-outs are enqueued but not reported, as before the list existed.
    expect(await sweeps.run()).toEqual({ feedback: { prompts: 0, reminders: 3, expired: 1 } });
    expect(deferredAsked).toBe(1);
  });

  it("a forgetting that fails again is logged and left to the next sweep; the others are finished", async () => {
    const finished: string[] = [];
    const warned: object[] = [];
    const sweeper = forgettingSweeper(
      {
        unfinished: async () => ["UFAILS", "UDONE"],
        finish: async (userId) => {
          if (userId === "UFAILS") throw new Error("database down");
          finished.push(userId);
          return { ended: 1 };
        },
      },
      { warn: (fields: object) => void warned.push(fields) },
    );

    expect(await sweeper.sweep()).toEqual({ forgettings: { finished: 1, failed: 1 } });
    expect(finished).toEqual(["UDONE"]);
    expect(warned).toEqual([expect.objectContaining({ userId: "UFAILS" })]);
  });
});
