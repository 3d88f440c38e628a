// `/mentor roadmap` marks overdue milestones by the reader's own today, but reads their profile
// (a database round trip, or a Slack call) only when a due date is near enough to need it.
import { describe, expect, it, vi } from "vitest";
import type { Person } from "../../src/domain/people.js";
import type { Milestone } from "../../src/domain/roadmap.js";
import { type RoadmapDeps, RoadmapService } from "../../src/domain/roadmap.service.js";
import { TestClock } from "../support/test-clock.js";

const milestone = (dueDate: string | null): Milestone => ({
  id: `m-${dueDate}`,
  relationshipId: "r1",
  position: 1,
  title: "Give a talk",
  description: "",
  dueDate,
  status: "planned",
  doneAt: null,
  latestNote: null,
  createdAt: new Date("2026-11-01T00:00:00Z"),
});

function service(zone: string) {
  const lookup = vi.fn(async (id: string) => ({ slackUserId: id, timezone: zone }) as Person);
  // Monday 23 Nov 2026 11:00Z: already Tuesday the 24th in Kiritimati (UTC+14).
  const clock = new TestClock(new Date("2026-11-23T11:00:00Z"));
  const deps = { directory: { lookup }, clock, defaultTimezone: "UTC" };
  return { roadmap: new RoadmapService(deps as unknown as RoadmapDeps), lookup };
}

describe("RoadmapService.todayForOverdue", () => {
  it("reads no profile when every due date is days away from today", async () => {
    const { roadmap, lookup } = service("Pacific/Kiritimati");
    const today = await roadmap.todayForOverdue("U1", [
      milestone("2026-11-01"),
      milestone(null),
      milestone("2027-03-15"),
    ]);
    expect(today).toBe("2026-11-23");
    expect(lookup).not.toHaveBeenCalled();
  });

  it("uses the person's own today when a due date is within a day", async () => {
    const { roadmap, lookup } = service("Pacific/Kiritimati");
    // Due on the 23rd: overdue in Kiritimati (already the 24th), not yet in UTC.
    expect(await roadmap.todayForOverdue("U1", [milestone("2026-11-23")])).toBe("2026-11-24");
    expect(lookup).toHaveBeenCalledWith("U1");
  });
});
