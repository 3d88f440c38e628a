/**
 * "Run the scenario": walks a seeded pair (Kenji mentors Lena) through the product the way
 * people would, through the same requests the page sends: pair, goal, two milestones in the
 * form, a check-in answered "On track", a feedback request and its answer, a milestone done
 * and its shout-out. Each step waits for what a person would see before going on.
 */
import { systemClock } from "../clock.js";
import { ADMIN_IDS, BOT, CELEBRATION_CHANNEL_ID, dmId } from "./cast.js";
import type { Workspace } from "./workspace.js";
import type { StoredMessage } from "./workspace-store.js";

type Json = Record<string, unknown>;

const MENTOR = "UPGKENJI1";
const MENTEE = "UPGLENA01";
const STEP_TIMEOUT_MS = 30_000;
/** How long the scenario waits for a message before it moves the clock an hour on. */
const HOUR_WAIT_MS = 1_500;

const obj = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export class Scenario {
  /** What the page shows under the button: the steps done so far, or why it stopped. */
  status: string[] = [];
  private running = false;

  constructor(private readonly ws: Workspace) {}

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.status = [];
    const started = systemClock.now().getTime();
    try {
      await this.steps();
      const seconds = ((systemClock.now().getTime() - started) / 1000).toFixed(1);
      this.say(`Done in ${seconds} s.`);
    } catch (err) {
      this.say(`Stopped: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.running = false;
    }
  }

  private async steps(): Promise<void> {
    const admin = ADMIN_IDS[0] ?? "";
    const inDm = (user: string) => dmId(user);
    const [year] = this.ws.clock.now().toISOString().split("-");
    const later = (months: number) => `${Number(year) + 1}-${String(months).padStart(2, "0")}-15`;

    const paired = await this.ws.store.db.collection("relationships").countDocuments({
      mentorId: MENTOR,
      menteeId: MENTEE,
      status: { $in: ["active", "pending"] },
    });
    if (paired > 0) {
      throw new Error(
        "Kenji and Lena are already paired: the scenario starts from a fresh pair (to run it again, point MONGODB_URI at an empty database whose name holds playground, such as mentorship_playground2).",
      );
    }
    this.say("Ada pairs Kenji (mentor) with Lena (mentee).");
    let since = await this.latestTs(inDm(MENTEE));
    await this.ws.type(admin, inDm(admin), "/mentor pair @kenji @lena");
    await this.waitForMessage(inDm(MENTEE), MENTEE, since, (m) => m.text.includes("Meet"));

    this.say("Lena sets her goal.");
    await this.ws.type(
      MENTEE,
      inDm(MENTEE),
      `/mentor goal Become a staff engineer by ${later(12)}`,
    );

    for (const [title, month] of [
      ["Lead a design review", 3],
      ["Mentor a new joiner", 6],
    ] as const) {
      this.say(`Lena adds the milestone "${title}" in the form.`);
      await this.ws.type(MENTEE, inDm(MENTEE), "/mentor milestone add");
      await this.submitModal(MENTEE, "Add milestone", {
        Milestone: title,
        "Due date": later(month),
      });
    }

    this.say("The clock moves to the next check-in; Lena answers On track.");
    since = await this.latestTs(inDm(MENTEE));
    await this.ws.clock.advance("next-checkin", MENTEE);
    const checkin = await this.waitForMessage(inDm(MENTEE), MENTEE, since, (m) =>
      Boolean(button(m, "On track")),
    );
    since = await this.latestTs(inDm(MENTOR));
    await this.click(MENTEE, checkin, "On track");
    await this.waitForMessage(inDm(MENTOR), MENTOR, since, () => true);

    this.say(
      "Lena asks Kenji for feedback on her demo; the bot asks him in his working hours (the clock moves on if it is night in Tokyo), and he answers in the form.",
    );
    since = await this.latestTs(inDm(MENTOR));
    await this.ws.type(MENTEE, inDm(MENTEE), "/mentor feedback Team demo");
    const prompt = await this.waitForMessageInHours(inDm(MENTOR), MENTOR, since, (m) =>
      Boolean(button(m, "Give feedback")),
    );
    since = await this.latestTs(inDm(MENTEE));
    await this.click(MENTOR, prompt, "Give feedback");
    await this.submitModal(MENTOR, "Give feedback", {
      "What went well": "Clear story and a live demo that worked.",
      "What to improve": "Leave more time for questions.",
    });
    await this.waitForMessage(inDm(MENTEE), MENTEE, since, (m) => m.text.length > 0);

    this.say("Lena marks her first milestone done; the shout-out goes to #celebrations.");
    since = await this.latestTs(CELEBRATION_CHANNEL_ID);
    await this.ws.type(MENTEE, inDm(MENTEE), "/mentor done 1 Ran my first design review");
    await this.waitForMessage(CELEBRATION_CHANNEL_ID, MENTEE, since, () => true);
  }

  private say(line: string): void {
    this.status.push(line);
    this.ws.store.version += 1;
  }

  private async latestTs(channel: string): Promise<string> {
    return (await this.ws.store.latestByChannel([channel], "")).get(channel) ?? "0";
  }

  /** The first bot message newer than `since` in a conversation that matches. */
  private waitForMessage(
    channel: string,
    viewer: string,
    since: string,
    matches: (m: StoredMessage) => boolean,
  ): Promise<StoredMessage> {
    return this.waitFor(`a new message in ${channel}`, async () =>
      (await this.ws.store.conversation(channel, viewer)).find(
        (m) => m.user === BOT.userId && Number(m.ts) > Number(since) && matches(m),
      ),
    );
  }

  /**
   * waitForMessage for a message the bot sends in someone's working hours: while none has come,
   * the clock moves an hour at a time, a day at most, as a person would wait for the morning.
   */
  private async waitForMessageInHours(
    channel: string,
    viewer: string,
    since: string,
    matches: (m: StoredMessage) => boolean,
  ): Promise<StoredMessage> {
    const find = async () =>
      (await this.ws.store.conversation(channel, viewer)).find(
        (m) => m.user === BOT.userId && Number(m.ts) > Number(since) && matches(m),
      );
    for (let hour = 0; hour < 24; hour++) {
      const settled = systemClock.now().getTime() + HOUR_WAIT_MS;
      while (systemClock.now().getTime() < settled) {
        const found = await find();
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await this.ws.clock.advance("hour");
    }
    return this.waitForMessage(channel, viewer, since, matches);
  }

  private async click(viewer: string, message: StoredMessage, text: string): Promise<void> {
    const action = button(message, text);
    if (!action) throw new Error(`no "${text}" button`);
    await this.ws.act(
      viewer,
      { kind: "message", channel: message.channel, ts: message.ts },
      action,
    );
  }

  /** Fills the modal titled `title` by field label, as a person would, and submits it. */
  private async submitModal(viewer: string, title: string, fields: Record<string, string>) {
    const modal = await this.waitFor(`the "${title}" form`, async () => {
      const { modals } = await this.ws.store.surfaces(viewer);
      const top = modals[modals.length - 1];
      return top && obj(top.view.title).text === title ? top : undefined;
    }).catch(async (error: Error) => {
      // Say what the person saw instead of the form: usually the bot's reply says why.
      const [last] = (await this.ws.store.conversation(dmId(viewer), viewer)).slice(-1);
      throw new Error(`${error.message}; the last message said "${last?.text ?? ""}"`);
    });
    const values: Json = {};
    for (const raw of list(modal.view.blocks)) {
      const block = obj(raw);
      const element = obj(block.element);
      const value = fields[String(obj(block.label).text)];
      if (block.type !== "input" || value === undefined) continue;
      const state =
        element.type === "datepicker"
          ? { type: "datepicker", selected_date: value }
          : { type: element.type, value };
      values[String(block.block_id)] = { [String(element.action_id)]: state };
    }
    await this.ws.submit(viewer, modal.id, values);
    const still = (await this.ws.store.surfaces(viewer)).modals.find((m) => m.id === modal.id);
    if (still) throw new Error(`the "${title}" form was refused: ${JSON.stringify(still.errors)}`);
  }

  private async waitFor<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
    const deadline = systemClock.now().getTime() + STEP_TIMEOUT_MS;
    for (;;) {
      const found = await check();
      if (found !== undefined) return found;
      if (systemClock.now().getTime() > deadline) {
        const [warning] = await this.ws.store.warnings(1);
        const why = warning ? ` (last warning: ${warning.method}: ${warning.problems[0]})` : "";
        throw new Error(`waited too long for ${what}${why}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** The button labelled `text` in a message, as the action a click on it sends. */
function button(message: StoredMessage, text: string): Json | undefined {
  for (const raw of message.blocks ?? []) {
    const block = obj(raw);
    const elements = block.type === "actions" ? list(block.elements) : [block.accessory];
    for (const e of elements) {
      const el = obj(e);
      if (el.type === "button" && obj(el.text).text === text) {
        return {
          type: "button",
          action_id: el.action_id,
          block_id: block.block_id,
          text: el.text,
          value: el.value,
        };
      }
    }
  }
  return undefined;
}
