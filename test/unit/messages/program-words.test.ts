import { describe, expect, it } from "vitest";
import type { ActivityCounts, ProgramReport } from "../../../src/domain/program.js";
import { zeroActivity } from "../../../src/domain/program-tally.js";
import { programReportMessage } from "../../../src/slack/messages/program.messages.js";

const quiet: ActivityCounts = zeroActivity();

function reportOf(pairs: number, onTrack: number, needingAttention: number): ProgramReport {
  return {
    at: new Date("2026-03-02T09:00:00Z"),
    counts: { active: pairs, paused: 0, pending: 0, ended: 0 },
    current: { ...quiet, checkinsSent: onTrack, checkinsAnswered: onTrack, onTrack },
    previous: quiet,
    attention: Array.from({ length: needingAttention }, (_, i) => ({
      pair: {
        relationshipId: `r${i}`,
        mentorId: `UMENTOR${i}`,
        menteeId: `UMENTEE${i}`,
        status: "active" as const,
        createdAt: new Date("2026-01-01T09:00:00Z"),
        activatedAt: new Date("2026-01-01T09:00:00Z"),
      },
      reasons: [{ kind: "no_activity" as const, days: 31 }],
    })),
  };
}

const wordsOf = (report: ProgramReport) => JSON.stringify(programReportMessage(report));

// The report reads as written English whether a count is one or many.
describe("the program report's counts", () => {
  it("say one pair, one answer and 'needs' for a single one", () => {
    const one = programReportMessage(reportOf(1, 1, 1));
    expect(one.text).toBe("Program report: 1 active pair, 0 pending; 1 needs attention.");
    expect(wordsOf(reportOf(1, 1, 1))).toContain("100% On track, 0% Need help (of 1 answer)");
  });

  it("say pairs, answers and 'need' for several", () => {
    const many = programReportMessage(reportOf(2, 2, 2));
    expect(many.text).toBe("Program report: 2 active pairs, 0 pending; 2 need attention.");
    expect(wordsOf(reportOf(2, 2, 2))).toContain("(of 2 answers)");
  });
});
