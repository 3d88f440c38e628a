import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotLink } from "../../src/playground/bot-link.js";
import { CELEBRATION_CHANNEL_ID, dmId } from "../../src/playground/cast.js";
import type { PlaygroundClock } from "../../src/playground/playground-clock.js";
import { SlackWebApi } from "../../src/playground/slack-web-api.js";
import { Triggers } from "../../src/playground/triggers.js";
import { UploadedFiles } from "../../src/playground/uploaded-files.js";
import { Workspace } from "../../src/playground/workspace.js";
import { WorkspaceStore } from "../../src/playground/workspace-store.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";

const TOKEN = "xoxb-playground-test";
const SAM = "UPGSAM001";
const now = new Date("2026-11-23T15:00:00Z");
const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
const modal = (title: string) => ({
  type: "modal",
  callback_id: "c",
  title: { type: "plain_text", text: title },
  blocks: [section("Hello")],
});

let store: WorkspaceStore;
let triggers: Triggers;
let api: SlackWebApi;
const files = new UploadedFiles();
const call = (method: string, params: Record<string, unknown>) => api.call(method, params, TOKEN);
/** The page's warnings about `method` (warnings made at one instant come in no set order). */
const warned = async (method: string) =>
  (await store.warnings(1000)).filter((w) => w.method === method);

beforeAll(async () => {
  store = await WorkspaceStore.connect(testMongoUri(uniqueName("pgapi")));
  triggers = new Triggers();
  api = new SlackWebApi(
    store,
    triggers,
    TOKEN,
    () => now,
    files,
    () => "http://127.0.0.1:3100",
  );
});

afterAll(async () => {
  await store.close();
});

describe("the playground's Slack Web API", () => {
  it("answers only the bot token it handed out", async () => {
    expect(await api.call("auth.test", {}, undefined)).toMatchObject({
      ok: false,
      error: "not_authed",
    });
    expect(await api.call("auth.test", {}, "xoxb-other")).toMatchObject({
      ok: false,
      error: "invalid_auth",
    });
    expect(await call("auth.test", {})).toMatchObject({ ok: true });
    expect(await call("apps.uninstall", {})).toMatchObject({ ok: false, error: "unknown_method" });
  });

  it("lists the workspace a page at a time, as users.info shows each person", async () => {
    const first = await call("users.list", { limit: 4 });
    const members = first.members as Array<{ id: string; tz?: string }>;
    expect(members.map((m) => m.id)).toEqual(["UPGBOT001", "UPGADA001", "UPGMARIA1", "UPGKENJI1"]);
    expect(members[1]).toEqual((await call("users.info", { user: "UPGADA001" })).user);
    const cursor = (first.response_metadata as { next_cursor: string }).next_cursor;
    const rest = await call("users.list", { limit: 4, cursor });
    expect((rest.members as Array<{ id: string }>).map((m) => m.id)).toEqual([
      "UPGSAM001",
      "UPGLENA01",
      "UPGTOM001",
    ]);
    expect(rest.response_metadata).toEqual({ next_cursor: "" });
    expect(await call("users.list", { cursor: "bm9ib2R5" })).toMatchObject({
      ok: false,
      error: "invalid_cursor",
    });
  });

  it("posts to a person's DM and updates the message in place", async () => {
    const posted = await call("chat.postMessage", {
      channel: SAM,
      text: "Hi",
      blocks: [section("Hi")],
    });
    expect(posted).toMatchObject({ ok: true, channel: dmId(SAM) });
    const ts = String(posted.ts);
    const updated = await call("chat.update", {
      channel: dmId(SAM),
      ts,
      text: "Bye",
      blocks: [section("Bye")],
    });
    expect(updated).toMatchObject({ ok: true, ts });
    const messages = await store.conversation(dmId(SAM), SAM);
    expect(messages.map((m) => m.text)).toEqual(["Bye"]);
    expect(messages[0]?.edited).toBe(true);
    expect(await call("chat.update", { channel: dmId(SAM), ts: "1.2", text: "x" })).toMatchObject({
      ok: false,
      error: "message_not_found",
    });
  });

  it("refuses blocks Slack would refuse, and records a warning for the page", async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: "divider" }));
    const refused = await call("chat.postMessage", { channel: SAM, text: "x", blocks });
    expect(refused).toMatchObject({ ok: false, error: "invalid_blocks" });
    expect(refused.errors).toEqual([
      "[ERROR] must provide no more than 50 items [json-pointer:/blocks]",
    ]);
    const [warning] = await store.warnings(1);
    expect(warning).toMatchObject({ method: "chat.postMessage" });
  });

  it("posts to a channel only once the app joined it", async () => {
    const message = { channel: CELEBRATION_CHANNEL_ID, text: "Yay" };
    expect(await call("chat.postMessage", message)).toMatchObject({
      ok: false,
      error: "not_in_channel",
    });
    expect(await call("conversations.join", { channel: CELEBRATION_CHANNEL_ID })).toMatchObject({
      ok: true,
    });
    expect(await call("chat.postMessage", message)).toMatchObject({ ok: true });
    expect(await call("conversations.join", { channel: "CNOPE1234" })).toMatchObject({
      ok: false,
      error: "channel_not_found",
    });
  });

  it("opens a modal once per trigger, refuses a title over 24 characters, and updates by view id", async () => {
    expect(await call("views.open", { trigger_id: "made-up", view: modal("Hi") })).toMatchObject({
      ok: false,
      error: "invalid_trigger_id",
    });
    const tooLong = await call("views.open", {
      trigger_id: triggers.issue(SAM),
      view: modal("A title far too long for it"),
    });
    expect(tooLong).toMatchObject({ ok: false, error: "invalid_arguments" });
    const trigger = triggers.issue(SAM);
    const opened = await call("views.open", { trigger_id: trigger, view: modal("Add milestone") });
    expect(opened).toMatchObject({ ok: true, view: { title: { text: "Add milestone" } } });
    expect(await call("views.open", { trigger_id: trigger, view: modal("Again") })).toMatchObject({
      ok: false,
      error: "invalid_trigger_id",
    });
    const viewId = String((opened.view as { id: string }).id);
    expect(await call("views.update", { view_id: viewId, view: modal("Updated") })).toMatchObject({
      ok: true,
    });
    const { modals } = await store.surfaces(SAM);
    expect(modals.map((m) => (m.view.title as { text: string }).text)).toEqual(["Updated"]);
  });

  it("refuses views.update with a stale hash (hash_conflict), as Slack does, for modals and Home", async () => {
    const opened = await call("views.open", {
      trigger_id: triggers.issue(SAM),
      view: modal("Suggest milestones"),
    });
    const { id, hash } = opened.view as { id: string; hash: string };
    const first = await call("views.update", { view_id: id, hash, view: modal("First pick") });
    expect(first).toMatchObject({ ok: true });
    // A second update from the same copy of the view: someone else updated it since.
    expect(await call("views.update", { view_id: id, hash, view: modal("Second pick") })).toEqual({
      ok: false,
      error: "hash_conflict",
    });
    const latest = String((first.view as { hash: string }).hash);
    expect(latest).not.toBe(hash);
    expect(
      await call("views.update", { view_id: id, hash: latest, view: modal("Third pick") }),
    ).toMatchObject({ ok: true });
    const { modals } = await store.surfaces(SAM);
    expect(modals.map((m) => (m.view.title as { text: string }).text)).toEqual(["Third pick"]);

    const home = { type: "home", blocks: [section("Home")] };
    const published = await call("views.publish", { user_id: SAM, view: home });
    const homeView = published.view as { id: string; hash: string };
    const update = (hash: string) =>
      call("views.update", {
        view_id: homeView.id,
        hash,
        view: { ...home, blocks: [section(hash)] },
      });
    expect(await update(homeView.hash)).toMatchObject({ ok: true });
    expect(await update(homeView.hash)).toEqual({ ok: false, error: "hash_conflict" });
  });

  it("publishes a person's Home tab", async () => {
    const home = {
      type: "home",
      blocks: [{ type: "header", text: { type: "plain_text", text: "Your roadmap" } }],
    };
    expect(await call("views.publish", { user_id: SAM, view: home })).toMatchObject({ ok: true });
    expect(await call("views.publish", { user_id: "UNOBODY1", view: home })).toMatchObject({
      ok: false,
    });
    expect((await store.surfaces(SAM)).home?.blocks).toEqual([
      expect.objectContaining({ type: "header", block_id: expect.any(String) }),
    ]);
  });

  it("keeps a message's metadata and shows it in conversations.history only when asked", async () => {
    const LENA = "UPGLENA01";
    const metadata = { event_type: "mentorship_delivery", event_payload: { key: "k1" } };
    const posted = await call("chat.postMessage", { channel: LENA, text: "One", metadata });
    await call("chat.postMessage", { channel: LENA, text: "Two" });
    const oldest = (now.getTime() / 1000 - 60).toFixed(6);
    const all = await call("conversations.history", {
      channel: dmId(LENA),
      oldest,
      include_all_metadata: true,
    });
    const messages = all.messages as Array<{ ts: string; text: string; metadata?: unknown }>;
    expect(messages.map((m) => m.text)).toEqual(["Two", "One"]);
    expect(messages[1]).toMatchObject({ ts: posted.ts, metadata });
    const plain = await call("conversations.history", { channel: dmId(LENA), oldest });
    expect((plain.messages as Array<{ metadata?: unknown }>)[1]?.metadata).toBeUndefined();
    const paged = await call("conversations.history", { channel: dmId(LENA), oldest, limit: 1 });
    expect(paged).toMatchObject({ has_more: true });
    const cursor = (paged.response_metadata as { next_cursor: string }).next_cursor;
    const next = await call("conversations.history", { channel: dmId(LENA), oldest, cursor });
    expect((next.messages as Array<{ text: string }>).map((m) => m.text)).toEqual(["One"]);
    expect(await call("conversations.history", { channel: "CNOPE" })).toMatchObject({
      ok: false,
      error: "channel_not_found",
    });
  });

  it("takes an upload and shares it in a DM, where the page offers the bytes", async () => {
    expect(await call("files.getUploadURLExternal", { filename: "my-data.json" })).toMatchObject({
      ok: false,
      error: "invalid_arguments",
    });
    const target = await call("files.getUploadURLExternal", {
      filename: "my-data.json",
      length: 2,
    });
    expect(String(target.upload_url)).toBe(`http://127.0.0.1:3100/upload/${target.file_id}`);
    const id = String(target.file_id);
    expect(
      await call("files.completeUploadExternal", { files: [{ id }], channel_id: dmId(SAM) }),
    ).toMatchObject({ ok: false, error: "file_not_found" });
    expect(files.receive(id, Buffer.from("{}"))).toBe(true);
    const shared = await call("files.completeUploadExternal", {
      files: [{ id, title: "Your data" }],
      channel_id: dmId(SAM),
      initial_comment: "Here is everything I keep about you.",
    });
    expect(shared).toEqual({ ok: true, files: [{ id, title: "Your data" }] });
    const [last] = (await store.conversation(dmId(SAM), SAM)).slice(-1);
    expect(last).toMatchObject({
      text: "Here is everything I keep about you.",
      files: [{ id, name: "my-data.json", title: "Your data", size: 2 }],
    });
    expect(files.get(id)?.content?.toString()).toBe("{}");
  });

  it("refuses a message with nothing to show (no_text), posted, ephemeral or updated", async () => {
    for (const empty of [{}, { text: "" }, { text: "", blocks: [] }]) {
      expect(await call("chat.postMessage", { channel: SAM, ...empty })).toMatchObject({
        ok: false,
        error: "no_text",
      });
      expect(
        await call("chat.postEphemeral", { channel: dmId(SAM), user: SAM, ...empty }),
      ).toMatchObject({ ok: false, error: "no_text" });
    }
    const posted = await call("chat.postMessage", { channel: SAM, text: "Hi" });
    const update = { channel: dmId(SAM), ts: String(posted.ts) };
    expect(await call("chat.update", { ...update, text: "" })).toMatchObject({
      ok: false,
      error: "no_text",
    });
    expect(await call("chat.update", { ...update, text: "Bye" })).toMatchObject({ ok: true });
  });

  it("refuses a view of the wrong type for its method, or none at all", async () => {
    const home = { type: "home", blocks: [section("Home")] };
    const openWarnings = (await warned("views.open")).length;
    expect(await call("views.publish", { user_id: SAM, view: modal("Hi") })).toMatchObject({
      ok: false,
      error: "invalid_arguments",
      errors: ["[ERROR] must be one of: home [json-pointer:/view/type]"],
    });
    expect(await call("views.publish", { user_id: SAM })).toMatchObject({
      ok: false,
      error: "invalid_arguments",
    });
    expect(await call("views.open", { trigger_id: triggers.issue(SAM), view: home })).toMatchObject(
      { ok: false, error: "invalid_arguments" },
    );
    expect(await warned("views.open")).toHaveLength(openWarnings + 1);
  });

  it("applies a submission's answer only when Slack would take it", async () => {
    const input = (blockId: string) => ({
      type: "input",
      block_id: blockId,
      label: { type: "plain_text", text: "Goal" },
      element: { type: "plain_text_input", action_id: "value" },
    });
    const form = {
      ...modal("Add goal"),
      submit: { type: "plain_text", text: "Add" },
      blocks: [section("Why"), input("goal")],
    };
    let ack: Record<string, unknown> = {};
    const link = {
      viewSubmission: async () => ({ status: 200, body: JSON.stringify(ack) }),
    } as unknown as BotLink;
    const clock = { now: () => now } as unknown as PlaygroundClock;
    const workspace = new Workspace(store, api, clock, triggers, link, "http://127.0.0.1:3100");
    const opened = await call("views.open", { trigger_id: triggers.issue(SAM), view: form });
    const viewId = String((opened.view as { id: string }).id);
    const shown = async () => (await store.surfaces(SAM)).modals.find((m) => m.id === viewId);
    const stamped = (await shown())?.view.blocks as Array<{ block_id: string }> | undefined;
    const sectionId = String(stamped?.[0]?.block_id);

    // Errors may name only the view's input blocks.
    ack = { response_action: "errors", errors: { [sectionId]: "Not an input" } };
    await workspace.submit(SAM, viewId, {});
    expect((await shown())?.errors).toEqual({});
    expect(await warned("view_submission errors")).toEqual([
      expect.objectContaining({
        problems: [
          `[ERROR] no input block with block_id ${sectionId} in the view [json-pointer:/errors/${sectionId}]`,
        ],
      }),
    ]);
    ack = { response_action: "errors", errors: { goal: "Too short" } };
    await workspace.submit(SAM, viewId, {});
    expect((await shown())?.errors).toEqual({ goal: "Too short" });

    // A view to update to is held to Slack's rules: here, a modal with no title.
    ack = { response_action: "update", view: { ...form, title: undefined } };
    await workspace.submit(SAM, viewId, {});
    expect((await shown())?.view.title).toEqual(form.title);
    expect(await warned("view_submission update")).toEqual([
      expect.objectContaining({
        problems: ["[ERROR] must provide a title [json-pointer:/view/title]"],
      }),
    ]);
    ack = {
      response_action: "push",
      view: { ...form, blocks: [input("a"), input("b")], submit: undefined },
    };
    await workspace.submit(SAM, viewId, {});
    expect((await store.surfaces(SAM)).modals).toHaveLength(1);
    expect(await warned("view_submission push")).toHaveLength(1);
    ack = { response_action: "update", view: modal("Thanks") };
    await workspace.submit(SAM, viewId, {});
    expect((await shown())?.view.title).toEqual(modal("Thanks").title);
  });
});
