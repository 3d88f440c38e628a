import { describe, expect, it } from "vitest";
import {
  addWindow,
  firstKeptDay,
  staleDays,
  TallyBuilder,
  type TallyEvent,
  tallyChange,
  zeroActivity,
} from "../../src/domain/program-tally.js";

const at = (iso: string) => new Date(iso);
const event = (kind: TallyEvent["kind"], iso: string, extra: Partial<TallyEvent> = {}) => ({
  kind,
  sourceId: `${kind}-${iso}`,
  relationshipId: "pair-1",
  at: at(iso),
  ...extra,
});

describe("tallyChange", () => {
  it("counts an answer on the day its check-in was sent, and resets the streak", () => {
    const change = tallyChange(
      event("checkin_answered", "2026-11-03T09:00:00Z", {
        countsOn: at("2026-11-02T23:30:00Z"),
        answerKind: "need_help",
      }),
    );
    expect(change).toMatchObject({
      day: "2026-11-02",
      counters: ["checkinsAnswered", "needHelp"],
      totals: { checkinsAnswered: 1 },
      answered: { kind: "need_help" },
      activityAt: at("2026-11-03T09:00:00Z"),
    });
  });

  it("does not call what the bot sends the pair's activity", () => {
    expect(tallyChange(event("checkin_sent", "2026-11-02T10:00:00Z")).activityAt).toBeUndefined();
    expect(tallyChange(event("feedback_asked", "2026-11-02T10:00:00Z")).activityAt).toBeUndefined();
    expect(tallyChange(event("progress_logged", "2026-11-02T10:00:00Z")).activityAt).toEqual(
      at("2026-11-02T10:00:00Z"),
    );
  });
});

describe("TallyBuilder", () => {
  it("counts the misses after the latest answer, whatever order the history comes in", () => {
    const builder = new TallyBuilder("2026-01-01");
    for (const e of [
      event("checkin_missed", "2026-11-16T10:00:00Z"),
      event("checkin_answered", "2026-11-09T10:00:00Z", { answerKind: "on_track" }),
      event("checkin_missed", "2026-11-02T10:00:00Z"),
      event("checkin_missed", "2026-11-23T10:00:00Z"),
      event("checkin_answered", "2026-10-26T10:00:00Z", { answerKind: "need_help" }),
    ]) {
      builder.add(e);
    }
    const [tally] = [...builder.tallies()];
    expect(tally).toMatchObject({
      missedStreak: 2,
      lastAnswerKind: "on_track",
      checkinsAnswered: 2,
      lastActivityAt: at("2026-11-09T10:00:00Z"),
    });
  });
});

describe("addWindow", () => {
  it("adds the days inside the window, both ends included", () => {
    const into = zeroActivity();
    addWindow(
      into,
      {
        "2026-10-24": { checkinsSent: 1 },
        "2026-10-25": { checkinsSent: 2, onTrack: 1 },
        "2026-11-23": { checkinsSent: 4 },
        "2026-11-24": { checkinsSent: 8 },
      },
      "2026-10-25",
      "2026-11-23",
    );
    expect(into).toMatchObject({ checkinsSent: 6, onTrack: 1 });
  });
});

describe("keeping only the days the report compares", () => {
  it("keeps 60 days, and a write drops the 60 before them", () => {
    expect(firstKeptDay(at("2026-11-23T15:00:00Z"))).toBe("2026-09-25");
    const stale = staleDays("2026-11-23");
    expect(stale).toHaveLength(60);
    expect(stale[0]).toBe("2026-09-24");
    expect(stale.at(-1)).toBe("2026-07-27");
  });

  it("counts old history in the totals but keeps no day before the window", () => {
    const builder = new TallyBuilder("2026-09-25");
    builder.add(event("checkin_sent", "2026-09-24T10:00:00Z"));
    builder.add(event("checkin_sent", "2026-09-25T10:00:00Z"));
    const [tally] = [...builder.tallies()];
    expect(tally?.checkinsSent).toBe(2);
    expect(Object.keys(tally?.days ?? {})).toEqual(["2026-09-25"]);
  });
});
