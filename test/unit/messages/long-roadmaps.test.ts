/**
 * A roadmap longer than a message or a form shows at once: what each shortened list says about
 * the milestones it leaves out, and how a long list of choices is grouped.
 */
import type { KnownBlock, View } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { Checkin } from "../../../src/domain/checkin.js";
import type { Milestone, NumberedOpenMilestone, Roadmap } from "../../../src/domain/roadmap.js";
import { checkinMessage } from "../../../src/slack/messages/checkin.messages.js";
import { COMMAND_HELP } from "../../../src/slack/messages/help.message.js";
import { roadmapMessage } from "../../../src/slack/messages/roadmap.messages.js";
import { appHomeView } from "../../../src/slack/views/app-home.view.js";
import { logProgressModal } from "../../../src/slack/views/progress-modal.view.js";

const NOW = new Date("2027-03-01T10:00:00Z");
const TODAY = "2027-03-01";

/** A roadmap of `count` milestones, the first `done` of them reached. */
function longRoadmap(count: number, done = 0): Roadmap {
  return {
    relationshipId: "r".repeat(24),
    mentorId: "UMENTOR0001",
    menteeId: "UMENTEE0001",
    goal: null,
    milestones: Array.from(
      { length: count },
      (_, i): Milestone => ({
        id: String(i).padStart(24, "0"),
        relationshipId: "r".repeat(24),
        position: i,
        title: `Step ${i + 1}`,
        description: "",
        dueDate: null,
        status: i < done ? "done" : "planned",
        doneAt: i < done ? NOW : null,
        latestNote: null,
        createdAt: NOW,
      }),
    ),
  };
}

const checkin = {
  id: "c".repeat(24),
  relationshipId: "r".repeat(24),
  mentorId: "UMENTOR0001",
  menteeId: "UMENTEE0001",
  sequence: 1,
} as Checkin;

/**
 * Every open milestone, numbered as the roadmap numbers them. (The check-in job passes the first
 * three only, today; the builder lists ten of whatever it is given.)
 */
const allOpen = (r: Roadmap): NumberedOpenMilestone[] =>
  r.milestones
    .map((milestone, i) => ({ milestone, number: i + 1 }))
    .filter(({ milestone }) => milestone.status !== "done");

/** Every piece of text in some blocks, joined. */
const textOf = (blocks: readonly unknown[]) => JSON.stringify(blocks);

describe("a roadmap of 60 milestones", () => {
  const roadmap = longRoadmap(60);

  it("/mentor roadmap shows 46 of them and says how to see milestone 47 on", () => {
    const shown = textOf(roadmapMessage(roadmap, TODAY).blocks ?? []);
    expect(shown).toContain("*46. Step 46*");
    expect(shown).not.toContain("*47. Step 47*");
    expect(shown).toContain("…and 14 more milestones. `/mentor milestone 47` shows milestone 47");
  });

  it("the check-in DM lists ten, and says where the rest are without claiming /mentor roadmap shows them all", () => {
    const text = textOf(checkinMessage(checkin, allOpen(roadmap)).blocks ?? []);
    expect(text).toContain("*10. Step 10*");
    expect(text).toContain("…and 50 more, from milestone 11 on: `/mentor milestone 11` shows it");
    expect(text).not.toMatch(/them all/);
  });

  it("the check-in DM names the number of the next open milestone, past the reached ones", () => {
    const open = allOpen(longRoadmap(60, 20));
    const text = textOf(checkinMessage(checkin, open).blocks ?? []);
    expect(text).toContain("…and 30 more, from milestone 31 on: `/mentor milestone 31` shows it");
  });

  it("App Home lists fifteen, and says how to see milestone 16 on", () => {
    const view: View = appHomeView("UMENTEE0001", [{ roadmap, recentProgress: [] }], TODAY);
    const text = textOf(view.blocks as KnownBlock[]);
    expect(text).toContain("*15. Step 15*");
    expect(text).toContain("…and 45 more milestones:");
    expect(text).toContain("`/mentor milestone 16` shows milestone 16, and so on");
    expect(text).not.toMatch(/them all/);
  });

  it("the help does not promise every milestone from /mentor roadmap", () => {
    const help = COMMAND_HELP.find((c) => c.usage.startsWith("/mentor roadmap ["));
    expect(help?.what).not.toMatch(/every milestone/);
    expect(help?.what).toContain("`/mentor milestone <n>`");
  });
});

describe("the progress form of a roadmap of 260 milestones, the first 60 reached", () => {
  type Select = {
    block_id?: string;
    element: {
      option_groups?: Array<{
        label: { text: string };
        options: Array<{ text: { text: string } }>;
      }>;
    };
  };
  const select = logProgressModal(longRoadmap(260, 60)).blocks.find(
    (b) => b.block_id === "milestone",
  ) as unknown as Select;
  const groups = select.element.option_groups ?? [];

  it("labels each group of choices by its first and last milestone number", () => {
    expect(groups.map((g) => g.label.text)).toEqual(["61–160", "161–260"]);
    for (const g of groups) {
      const [first, last] = g.label.text.split("–");
      expect(g.options[0]?.text.text).toMatch(new RegExp(`^${first}\\. `));
      expect(g.options.at(-1)?.text.text).toMatch(new RegExp(`^${last}\\. `));
    }
  });

  it("a last group of one milestone is labelled by its number alone", () => {
    const one = logProgressModal(longRoadmap(261, 60)).blocks.find(
      (b) => b.block_id === "milestone",
    ) as unknown as Select;
    expect(one.element.option_groups?.map((g) => g.label.text)).toEqual([
      "61–160",
      "161–260",
      "261",
    ]);
  });
});
