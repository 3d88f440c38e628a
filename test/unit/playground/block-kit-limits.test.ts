import { describe, expect, it } from "vitest";
import {
  messageProblems,
  postedTextProblems,
  viewProblems,
} from "../../../src/playground/block-kit/limits.js";

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
const modal = (extra: Record<string, unknown> = {}) => ({
  type: "modal",
  title: { type: "plain_text", text: "Add milestone" },
  submit: { type: "plain_text", text: "Add" },
  blocks: [],
  ...extra,
});

describe("Slack's Block Kit limits", () => {
  it("accepts what Slack accepts", () => {
    expect(messageProblems([section("x".repeat(3000))])).toEqual([]);
    expect(viewProblems(modal({ blocks: [section("hello")] }))).toEqual([]);
  });

  it("refuses a section over 3,000 characters, naming where", () => {
    expect(messageProblems([section("x".repeat(3001))])).toEqual([
      "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]",
    ]);
  });

  it("refuses more than 50 blocks in a message and 100 in a view", () => {
    const blocks = (n: number) => Array.from({ length: n }, () => ({ type: "divider" }));
    expect(messageProblems(blocks(50))).toEqual([]);
    expect(messageProblems(blocks(51))).toEqual([
      "[ERROR] must provide no more than 50 items [json-pointer:/blocks]",
    ]);
    expect(viewProblems({ type: "home", blocks: blocks(100) })).toEqual([]);
    expect(viewProblems({ type: "home", blocks: blocks(101) })).toEqual([
      "[ERROR] must provide no more than 100 items [json-pointer:/view/blocks]",
    ]);
  });

  it("refuses a modal title over 24 characters", () => {
    const problems = viewProblems(
      modal({ title: { type: "plain_text", text: "A title that is too long!" } }),
    );
    expect(problems).toEqual([
      "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]",
    ]);
  });

  it("refuses a modal with inputs but no submit button", () => {
    const input = {
      type: "input",
      label: { type: "plain_text", text: "Note" },
      element: { type: "plain_text_input", action_id: "v" },
    };
    expect(viewProblems(modal({ submit: undefined, blocks: [input] }))).toEqual([
      "[ERROR] must provide a submit button when using an input block [json-pointer:/view/submit]",
    ]);
  });

  it("refuses long button text, too many fields, unknown block types and duplicate block ids", () => {
    const problems = messageProblems([
      {
        type: "actions",
        block_id: "same",
        elements: [
          { type: "button", action_id: "a", text: { type: "plain_text", text: "x".repeat(76) } },
        ],
      },
      {
        type: "section",
        block_id: "same",
        fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "f" })),
      },
      { type: "carousel" },
    ]);
    expect(problems).toEqual([
      "[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]",
      "[ERROR] duplicate block_id [json-pointer:/blocks/1/block_id]",
      "[ERROR] must provide no more than 10 items [json-pointer:/blocks/1/fields]",
      "[ERROR] unsupported type: carousel [json-pointer:/blocks/2/type]",
    ]);
  });

  it("refuses an input block in a message", () => {
    const input = {
      type: "input",
      label: { type: "plain_text", text: "Note" },
      element: { type: "plain_text_input", action_id: "v" },
    };
    expect(messageProblems([input])).toEqual([
      "[ERROR] input blocks are only allowed in modals [json-pointer:/blocks/0/type]",
    ]);
  });

  it("refuses a posted message whose blocks carry more than 12,000 characters of text in all", () => {
    const sections = (n: number) => Array.from({ length: n }, () => section("x".repeat(3000)));
    expect(postedTextProblems(sections(4))).toEqual([]);
    expect(messageProblems(sections(5))).toEqual([]);
    expect(postedTextProblems(sections(5))).toEqual([
      "[ERROR] 15000 characters of text in blocks, more than 12000 [json-pointer:/blocks]",
    ]);
  });

  it("refuses a view that is missing, of the wrong type for its method, or a modal without a title", () => {
    expect(viewProblems(undefined, "views.open")).toEqual([
      "[ERROR] must provide a view object [json-pointer:/view]",
    ]);
    expect(viewProblems(modal(), "views.publish")).toEqual([
      "[ERROR] must be one of: home [json-pointer:/view/type]",
    ]);
    expect(viewProblems({ type: "home", blocks: [] }, "views.push")).toEqual([
      "[ERROR] must be one of: modal [json-pointer:/view/type]",
    ]);
    expect(viewProblems(modal({ title: { type: "plain_text", text: "" } }))).toEqual([
      "[ERROR] must provide a title [json-pointer:/view/title]",
    ]);
  });

  it("refuses a duplicate action_id within one block, not across blocks", () => {
    const button = (actionId: string) => ({
      type: "button",
      action_id: actionId,
      text: { type: "plain_text", text: "Go" },
    });
    const actions = (...ids: string[]) => ({ type: "actions", elements: ids.map(button) });
    expect(messageProblems([actions("a"), actions("a")])).toEqual([]);
    expect(messageProblems([actions("a", "b", "a")])).toEqual([
      "[ERROR] duplicate action_id [json-pointer:/blocks/0/elements/2/action_id]",
    ]);
  });

  it("refuses empty button text and a context element over 3,000 characters", () => {
    const context = (n: number) => ({
      type: "context",
      elements: [{ type: "mrkdwn", text: "x".repeat(n) }],
    });
    expect(messageProblems([context(3000)])).toEqual([]);
    expect(messageProblems([context(3001)])).toEqual([
      "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/elements/0/text]",
    ]);
    const empty = {
      type: "actions",
      elements: [{ type: "button", action_id: "a", text: { type: "plain_text", text: "" } }],
    };
    expect(messageProblems([empty])).toEqual([
      "[ERROR] must be more than 0 characters [json-pointer:/blocks/0/elements/0/text/text]",
    ]);
  });

  it("refuses option groups past 100 options in all, and long option text or values in them", () => {
    const option = (text: string, value: string) => ({
      text: { type: "plain_text", text },
      value,
    });
    const group = (options: unknown[]) => ({ label: { type: "plain_text", text: "G" }, options });
    const select = (groups: unknown[]) => ({
      type: "section",
      text: { type: "mrkdwn", text: "Pick" },
      accessory: { type: "static_select", action_id: "pick", option_groups: groups },
    });
    const many = (n: number) => Array.from({ length: n }, (_, i) => option(`o${i}`, `${i}`));
    expect(messageProblems([select([group(many(50)), group(many(50))])])).toEqual([]);
    expect(messageProblems([select([group(many(50)), group(many(51))])])).toEqual([
      "[ERROR] must provide no more than 100 options in all groups [json-pointer:/blocks/0/accessory/option_groups]",
    ]);
    expect(messageProblems([select([group([option("x".repeat(76), "y".repeat(151))])])])).toEqual([
      "[ERROR] must be less than 76 characters [json-pointer:/blocks/0/accessory/option_groups/0/options/0/text/text]",
      "[ERROR] must be less than 151 characters [json-pointer:/blocks/0/accessory/option_groups/0/options/0/value]",
    ]);
  });
});
