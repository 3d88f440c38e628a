// @slack/web-api is not a direct dependency; Bolt re-exports it.
import { webApi } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SlackDouble } from "../support/slack-double.js";

let double: SlackDouble;
beforeAll(async () => {
  double = await SlackDouble.start();
});
afterAll(() => double.close());
afterEach(() => double.reset());

const client = () =>
  new webApi.WebClient("xoxb-test-token", {
    slackApiUrl: double.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: webApi.LogLevel.ERROR,
  });

const x = (n: number) => "x".repeat(n);
const sectionBlock = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
const buttonBlock = (label: string, actionId = "a", blockId = "b") => ({
  type: "actions",
  block_id: blockId,
  elements: [{ type: "button", text: { type: "plain_text", text: label }, action_id: actionId }],
});
const selectInput = (options: string[]) => ({
  type: "input",
  block_id: "pick",
  label: { type: "plain_text", text: "Pick" },
  element: {
    type: "static_select",
    action_id: "value",
    options: options.map((t, i) => ({ text: { type: "plain_text", text: t }, value: String(i) })),
  },
});
const modal = (over: Record<string, unknown> = {}) => ({
  type: "modal" as const,
  title: { type: "plain_text" as const, text: "Title" },
  submit: { type: "plain_text" as const, text: "Save" },
  blocks: [sectionBlock("hi")],
  ...over,
});

/** Posts blocks; resolves with Slack's refusal messages, or [] when Slack accepted them. */
async function post(blocks: unknown[]): Promise<string[]> {
  try {
    await client().chat.postMessage({ channel: "C1", text: "fallback", blocks: blocks as never });
    return [];
  } catch (error) {
    const data = (error as { data: Record<string, unknown> }).data;
    expect(data).toMatchObject({ ok: false, error: "invalid_blocks" });
    return (data.response_metadata as { messages: string[] }).messages;
  }
}

async function open(view: Record<string, unknown>): Promise<string[]> {
  try {
    await client().views.open({ trigger_id: "t1", view: view as never });
    return [];
  } catch (error) {
    const data = (error as { data: Record<string, unknown> }).data;
    expect(data).toMatchObject({ ok: false, error: "invalid_arguments" });
    return (data.response_metadata as { messages: string[] }).messages;
  }
}

describe("the Slack double refuses what Slack refuses", () => {
  it("section text: 3,000 characters", async () => {
    expect(await post([sectionBlock(x(3000))])).toEqual([]);
    expect(await post([sectionBlock(x(3001))])).toEqual([
      "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]",
    ]);
  });

  it("header: 150 characters", async () => {
    const header = (n: number) => ({ type: "header", text: { type: "plain_text", text: x(n) } });
    expect(await post([header(150)])).toEqual([]);
    expect(await post([header(151)])).toEqual([
      "[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]",
    ]);
  });

  it("button text: 75 characters", async () => {
    expect(await post([buttonBlock(x(75))])).toEqual([]);
    expect(await post([buttonBlock(x(76))])).toEqual([
      "[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]",
    ]);
  });

  it("option text: 75 characters", async () => {
    expect(await open(modal({ blocks: [selectInput([x(75)])] }))).toEqual([]);
    expect(await open(modal({ blocks: [selectInput(["ok", x(76)])] }))).toEqual([
      "[ERROR] must be less than 76 characters [json-pointer:/view/blocks/0/element/options/1/text/text]",
    ]);
  });

  it("blocks per message: 50", async () => {
    expect(await post(Array.from({ length: 50 }, () => sectionBlock("a")))).toEqual([]);
    expect(await post(Array.from({ length: 51 }, () => sectionBlock("a")))).toEqual([
      "[ERROR] no more than 50 items allowed [json-pointer:/blocks]",
    ]);
  });

  it("blocks per view: 100, for a modal and for the Home tab", async () => {
    const many = (n: number) => Array.from({ length: n }, () => sectionBlock("a"));
    expect(await open(modal({ blocks: many(100) }))).toEqual([]);
    expect(await open(modal({ blocks: many(101) }))).toEqual([
      "[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]",
    ]);
    await expect(
      client().views.publish({ user_id: "U1", view: { type: "home", blocks: many(101) as never } }),
    ).rejects.toMatchObject({
      data: {
        error: "invalid_arguments",
        response_metadata: {
          messages: ["[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]"],
        },
      },
    });
    expect(double.lastView("views.publish")).toBeUndefined();
  });

  it("options per select: 100", async () => {
    const options = (n: number) => Array.from({ length: n }, (_, i) => `Option ${i}`);
    expect(await open(modal({ blocks: [selectInput(options(100))] }))).toEqual([]);
    expect(await open(modal({ blocks: [selectInput(options(101))] }))).toEqual([
      "[ERROR] no more than 100 items allowed [json-pointer:/view/blocks/0/element/options]",
    ]);
  });

  it("modal title: 24 characters", async () => {
    const titled = (n: number) => modal({ title: { type: "plain_text", text: x(n) } });
    expect(await open(titled(24))).toEqual([]);
    expect(await open(titled(25))).toEqual([
      "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]",
    ]);
  });

  it("private_metadata: 3,000 characters", async () => {
    expect(await open(modal({ private_metadata: x(3000) }))).toEqual([]);
    expect(await open(modal({ private_metadata: x(3001) }))).toEqual([
      "[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]",
    ]);
  });

  it("action_id and block_id: 255 characters", async () => {
    expect(await post([buttonBlock("Go", x(255), x(255))])).toEqual([]);
    expect(await post([buttonBlock("Go", x(256), x(256))])).toEqual([
      "[ERROR] must be less than 256 characters [json-pointer:/blocks/0/block_id]",
      "[ERROR] must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]",
    ]);
  });

  it("refuses a chat.update and a response_url post the same way, and records nothing shown", async () => {
    await expect(
      client().chat.update({ channel: "C1", ts: "1.1", blocks: [sectionBlock(x(3001))] as never }),
    ).rejects.toMatchObject({ data: { error: "invalid_blocks" } });
    const url = double.responseUrl("r1");
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "t", blocks: [sectionBlock(x(3001))] }),
    });
    expect(res.status).toBe(400);
    expect(double.responsesTo(url)).toEqual([]);
    expect(double.refusedResponsePosts).toHaveLength(1);
  });

  it("duplicate block ids, empty button text, more than 10 checkboxes, an input's max_length over 3,000", async () => {
    expect(await post([buttonBlock("Go", "a", "same"), buttonBlock("Go", "b", "same")])).toEqual([
      "[ERROR] duplicate block_id [json-pointer:/blocks/1/block_id]",
    ]);
    expect(await post([buttonBlock("")])).toEqual([
      "[ERROR] must be more than 0 characters [json-pointer:/blocks/0/elements/0/text/text]",
    ]);
    const checkboxes = (n: number) => ({
      type: "input",
      block_id: "boxes",
      label: { type: "plain_text", text: "Pick" },
      element: {
        type: "checkboxes",
        action_id: "value",
        options: Array.from({ length: n }, (_, i) => ({
          text: { type: "plain_text", text: `o${i}` },
          value: String(i),
        })),
      },
    });
    expect(await open(modal({ blocks: [checkboxes(10)] }))).toEqual([]);
    expect(await open(modal({ blocks: [checkboxes(11)] }))).toEqual([
      "[ERROR] no more than 10 items allowed [json-pointer:/view/blocks/0/element/options]",
    ]);
    const note = (maxLength: number) => ({
      type: "input",
      block_id: "note",
      label: { type: "plain_text", text: "Note" },
      element: { type: "plain_text_input", action_id: "value", max_length: maxLength },
    });
    expect(await open(modal({ blocks: [note(3000)] }))).toEqual([]);
    expect(await open(modal({ blocks: [note(3001)] }))).toEqual([
      "[ERROR] must be less than 3001 [json-pointer:/view/blocks/0/element/max_length]",
    ]);
  });

  it("a posted message's blocks: 12,000 characters of text in all (msg_blocks_too_long)", async () => {
    const sections = (n: number) => Array.from({ length: n }, () => sectionBlock(x(3000)));
    await client().chat.postMessage({ channel: "C1", text: "t", blocks: sections(4) as never });
    await expect(
      client().chat.postMessage({ channel: "C1", text: "t", blocks: sections(5) as never }),
    ).rejects.toMatchObject({ data: { error: "msg_blocks_too_long" } });
    // A reply to response_url is not held to it.
    const url = double.responseUrl("r2");
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "t", blocks: sections(5) }),
    });
    expect(res.status).toBe(200);
  });
});

/** Calls `method` on the double with a raw body, as a client that sent it so would. */
async function raw(method: string, form: Record<string, string>): Promise<Record<string, unknown>> {
  const res = await fetch(`${double.apiUrl}${method}`, {
    method: "POST",
    headers: {
      authorization: "Bearer xoxb-test-token",
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(form).toString(),
  });
  return (await res.json()) as Record<string, unknown>;
}

describe("the Slack double refuses calls Slack refuses", () => {
  const input = {
    type: "input",
    block_id: "note",
    label: { type: "plain_text", text: "Note" },
    element: { type: "plain_text_input", action_id: "value" },
  };

  it("views.open / views.publish: no view, a modal without title or submit, a modal published", async () => {
    expect(await raw("views.open", { trigger_id: "t1" })).toMatchObject({
      ok: false,
      error: "invalid_arguments",
    });
    expect(await raw("views.publish", { user_id: "U1" })).toMatchObject({
      ok: false,
      error: "invalid_arguments",
    });
    expect(await open(modal({ title: undefined }))).toEqual([
      "[ERROR] must provide a title [json-pointer:/view/title]",
    ]);
    expect(await open(modal({ submit: undefined, blocks: [input] }))).toEqual([
      "[ERROR] must provide a submit button when using an input block [json-pointer:/view/submit]",
    ]);
    expect(await open(modal({ submit: undefined }))).toEqual([]);
    await expect(
      client().views.publish({ user_id: "U1", view: modal() as never }),
    ).rejects.toMatchObject({
      data: {
        error: "invalid_arguments",
        response_metadata: { messages: ["[ERROR] must be one of: home [json-pointer:/view/type]"] },
      },
    });
  });

  it("views.update: needs a view_id or external_id the double handed out", async () => {
    await expect(client().views.update({ view: modal() } as never)).rejects.toMatchObject({
      data: { error: "invalid_arguments" },
    });
    await expect(
      client().views.update({ view_id: "", external_id: "", view: modal() } as never),
    ).rejects.toMatchObject({ data: { error: "invalid_arguments" } });
    await expect(client().views.update({ view_id: "VNEVER", view: modal() })).rejects.toMatchObject(
      { data: { error: "not_found" } },
    );
    await expect(
      client().views.update({ external_id: "never", view: modal() }),
    ).rejects.toMatchObject({ data: { error: "not_found" } });
    const opened = await client().views.open({
      trigger_id: "t1",
      view: modal({ external_id: "goal-1" }) as never,
    });
    const id = String(opened.view?.id);
    await expect(client().views.update({ view_id: id, view: modal() })).resolves.toMatchObject({
      ok: true,
      view: { id },
    });
    await expect(
      client().views.update({ external_id: "goal-1", view: modal() }),
    ).resolves.toMatchObject({ ok: true, view: { id } });
  });

  it("chat.update: only a message that was posted (message_not_found)", async () => {
    await expect(
      client().chat.update({ channel: "C1", ts: "1700000000.000100", text: "x" }),
    ).rejects.toMatchObject({ data: { error: "message_not_found" } });
    const posted = await client().chat.postMessage({ channel: "C1", text: "one" });
    await expect(
      client().chat.update({ channel: "C2", ts: String(posted.ts), text: "x" }),
    ).rejects.toMatchObject({ data: { error: "message_not_found" } });
    await expect(
      client().chat.update({ channel: "C1", ts: String(posted.ts), text: "two" }),
    ).resolves.toMatchObject({ ok: true });
  });

  it("a duplicate action_id within one block, and more than 100 options in all option groups", async () => {
    const twoButtons = (a: string, b: string) => ({
      type: "actions",
      elements: [a, b].map((id) => ({
        type: "button",
        action_id: id,
        text: { type: "plain_text", text: "Go" },
      })),
    });
    expect(await post([twoButtons("a", "b"), twoButtons("a", "b")])).toEqual([]);
    expect(await post([twoButtons("a", "a")])).toEqual([
      "[ERROR] duplicate action_id [json-pointer:/blocks/0/elements/1/action_id]",
    ]);
    const group = (n: number) => ({
      label: { type: "plain_text", text: "G" },
      options: Array.from({ length: n }, (_, i) => ({
        text: { type: "plain_text", text: `o${i}` },
        value: String(i),
      })),
    });
    const grouped = (...sizes: number[]) => ({
      type: "section",
      text: { type: "mrkdwn", text: "Pick" },
      accessory: { type: "static_select", action_id: "p", option_groups: sizes.map(group) },
    });
    expect(await post([grouped(50, 50)])).toEqual([]);
    expect(await post([grouped(50, 51)])).toEqual([
      "[ERROR] no more than 100 options allowed [json-pointer:/blocks/0/accessory/option_groups]",
    ]);
  });

  it("no_text for a message with nothing to show; invalid_blocks / invalid_arguments for what is not JSON", async () => {
    const empties: Array<Record<string, string>> = [{}, { text: "" }, { text: "", blocks: "[]" }];
    for (const method of ["chat.postMessage", "chat.postEphemeral"]) {
      for (const empty of empties) {
        expect(await raw(method, { channel: "C1", user: "U1", ...empty })).toMatchObject({
          ok: false,
          error: "no_text",
        });
      }
    }
    const posted = await client().chat.postMessage({ channel: "C1", text: "one" });
    expect(await raw("chat.update", { channel: "C1", ts: String(posted.ts), text: "" })).toEqual({
      ok: false,
      error: "no_text",
    });
    for (const blocks of ["not json", '{"type":"divider"}']) {
      expect(await raw("chat.postMessage", { channel: "C1", text: "t", blocks })).toMatchObject({
        ok: false,
        error: "invalid_blocks",
      });
    }
    expect(await raw("views.open", { trigger_id: "t1", view: "{not json" })).toMatchObject({
      ok: false,
      error: "invalid_arguments",
    });
  });
});
