import { describe, expect, it } from "vitest";
import { renderMrkdwn } from "../../../src/playground/block-kit/mrkdwn.js";
import { type RenderContext, renderBlocks } from "../../../src/playground/block-kit/render.js";

const ctx = (viewerTz = "Asia/Kolkata"): RenderContext => ({
  viewerTz,
  now: new Date("2026-11-23T15:00:00Z"),
  userName: (id) => ({ UMARIA: "Maria", USAM: "Sam" })[id] ?? id,
  channelName: (id) => (id === "CWINS" ? "wins" : id),
  people: [
    { id: "UMARIA", name: "Maria" },
    { id: "USAM", name: "Sam" },
  ],
});

/** The visible text of some markup, as a reader sees it. */
const visible = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");

/** The data-action JSON of the first interactive element, as the browser reads it. */
const action = (html: string) => {
  const m = /data-action="([^"]+)"/.exec(html);
  if (!m) return undefined;
  const decoded = (m[1] ?? "")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
  return JSON.parse(decoded);
};

describe("mrkdwn", () => {
  it("formats bold, italic, strike and code, and leaves marks inside code alone", () => {
    const html = renderMrkdwn("*bold* _italic_ ~gone~ `a *b* c`", ctx());
    expect(html).toContain("<b>bold</b>");
    expect(html).toContain("<i>italic</i>");
    expect(html).toContain("<s>gone</s>");
    expect(html).toContain("<code>a *b* c</code>");
  });

  it("shows mentions as names, channels by name, and links with their label", () => {
    const html = renderMrkdwn(
      "<@UMARIA> meet <@USAM|sam> in <#CWINS> <https://example.com|the docs>",
      ctx(),
    );
    expect(visible(html)).toBe("@Maria meet @Sam in #wins the docs");
    expect(html).toContain('href="https://example.com"');
  });

  it("escapes HTML, so a message cannot inject markup", () => {
    const html = renderMrkdwn("<script>alert(1)</script> &lt;b&gt;", ctx());
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
  });

  it("shows <!date^…> in the reader's own time zone", () => {
    const text = "<!date^1795420800^{date_short} at {time}|fallback>"; // 2026-11-23 08:00 UTC
    expect(visible(renderMrkdwn(text, ctx("Asia/Kolkata")))).toBe("Nov 23, 2026 at 1:30 PM");
    expect(visible(renderMrkdwn(text, ctx("America/New_York")))).toBe("Nov 23, 2026 at 3:00 AM");
  });

  it("says today / tomorrow for the pretty formats, from the bot's now", () => {
    const tomorrow = "<!date^1795507200^{date_short_pretty}|x>"; // 2026-11-24 08:00 UTC
    expect(visible(renderMrkdwn(tomorrow, ctx("UTC")))).toBe("tomorrow");
  });

  it("shows a malformed date by its fallback text", () => {
    expect(visible(renderMrkdwn("<!date^soon^{date}|next Monday>", ctx()))).toBe("next Monday");
  });

  it("quotes lines that start with >", () => {
    expect(renderMrkdwn("&gt;Well done", ctx())).toBe("<blockquote>Well done</blockquote>");
  });
});

describe("renderBlocks", () => {
  it("renders a section with fields and a button accessory that sends the block_actions element", () => {
    const html = renderBlocks(
      [
        {
          type: "section",
          block_id: "b1",
          text: { type: "mrkdwn", text: "*Roadmap*" },
          fields: [
            { type: "mrkdwn", text: "*Due*" },
            { type: "plain_text", text: "June" },
          ],
          accessory: {
            type: "button",
            action_id: "open",
            value: "r1",
            style: "primary",
            text: { type: "plain_text", text: "Open" },
          },
        },
      ],
      ctx(),
      "message",
    );
    expect(visible(html)).toContain("Roadmap");
    expect(visible(html)).toContain("June");
    expect(html).toContain("bk-primary");
    expect(action(html)).toMatchObject({
      type: "button",
      action_id: "open",
      block_id: "b1",
      value: "r1",
    });
  });

  it("renders header, divider, context, image and actions with selects, overflow and datepicker", () => {
    const html = renderBlocks(
      [
        { type: "header", text: { type: "plain_text", text: "Weekly check-in" } },
        { type: "divider" },
        { type: "context", elements: [{ type: "mrkdwn", text: "for <@USAM>" }] },
        { type: "image", image_url: "https://example.com/a.png", alt_text: "a chart" },
        {
          type: "actions",
          block_id: "acts",
          elements: [
            {
              type: "static_select",
              action_id: "pick",
              options: [{ text: { type: "plain_text", text: "Weekly" }, value: "weekly" }],
            },
            { type: "users_select", action_id: "who" },
            {
              type: "overflow",
              action_id: "more",
              options: [{ text: { type: "plain_text", text: "Snooze" }, value: "snooze" }],
            },
            { type: "datepicker", action_id: "when", initial_date: "2027-01-31" },
          ],
        },
      ],
      ctx(),
      "message",
    );
    expect(html).toContain('<h3 class="bk-block bk-header">Weekly check-in</h3>');
    expect(html).toContain("bk-divider");
    expect(visible(html)).toContain("for @Sam");
    // Outside images are not fetched: the alt text stands in.
    expect(html).not.toContain("<img");
    expect(visible(html)).toContain("a chart");
    expect(html).toContain(">Weekly</option>");
    expect(html).toContain(">Maria</option>");
    expect(html).toContain(">Snooze</option>");
    expect(html).toContain('value="2027-01-31"');
  });

  it("carries a button's confirm dialog for the page to ask first", () => {
    const html = renderBlocks(
      [
        {
          type: "actions",
          block_id: "a",
          elements: [
            {
              type: "button",
              action_id: "remove",
              style: "danger",
              text: { type: "plain_text", text: "Remove" },
              confirm: {
                title: { type: "plain_text", text: "Remove it?" },
                text: { type: "mrkdwn", text: "This *cannot* be undone." },
                confirm: { type: "plain_text", text: "Remove" },
                deny: { type: "plain_text", text: "Keep" },
              },
            },
          ],
        },
      ],
      ctx(),
      "message",
    );
    expect(action(html).confirm).toMatchObject({
      title: "Remove it?",
      confirm: "Remove",
      deny: "Keep",
    });
    expect(action(html).confirm.html).toContain("<b>cannot</b>");
  });

  it("renders modal inputs as fields addressed by block_id and action_id", () => {
    const html = renderBlocks(
      [
        {
          type: "input",
          block_id: "title",
          label: { type: "plain_text", text: "Milestone" },
          element: { type: "plain_text_input", action_id: "value", max_length: 200 },
        },
        {
          type: "input",
          block_id: "due",
          optional: true,
          label: { type: "plain_text", text: "Due date" },
          element: { type: "datepicker", action_id: "value" },
        },
      ],
      ctx(),
      "modal",
    );
    expect(visible(html)).toContain("Milestone");
    expect(visible(html)).toContain("Due date (optional)");
    expect(html).toContain('maxlength="200"');
    expect(html).toContain('type="date"');
    expect(html).toContain('data-error-for="title"');
  });

  it("fails loudly on a block or element it does not know", () => {
    const html = renderBlocks(
      [
        { type: "rich_text", elements: [] },
        { type: "actions", elements: [{ type: "workflow_button", action_id: "w" }] },
      ],
      ctx(),
      "message",
    );
    expect(visible(html)).toContain("unsupported block: rich_text");
    expect(visible(html)).toContain("unsupported element: workflow_button");
  });
});
