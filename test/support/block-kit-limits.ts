/**
 * Slack's documented Block Kit limits, checked the way Slack checks them: each problem is
 * one of Slack's `response_metadata.messages` lines, e.g.
 * `[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]`.
 * The numbers are written here again, on purpose, rather than imported from src: the double
 * must not trust the code it tests. The rules that are not numbers (a view's shape, unique
 * action_ids) are the playground's view-shape.ts, which holds nothing of the bot's.
 */
import {
  duplicateActionIdProblems,
  modalProblems,
  viewKindProblems,
} from "../../src/playground/block-kit/view-shape.js";

type Json = Record<string, unknown>;

const asObject = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});
const text = (v: unknown): string | undefined => {
  const t = asObject(v).text;
  return typeof t === "string" ? t : undefined;
};

class Problems {
  readonly list: string[] = [];
  maxLength(value: unknown, max: number, pointer: string): void {
    if (typeof value === "string" && value.length > max)
      this.list.push(`[ERROR] must be less than ${max + 1} characters [json-pointer:${pointer}]`);
  }
  minLength(value: unknown, pointer: string): void {
    if (typeof value === "string" && value.length === 0)
      this.list.push(`[ERROR] must be more than 0 characters [json-pointer:${pointer}]`);
  }
  maxItems(value: unknown, max: number, pointer: string): void {
    if (Array.isArray(value) && value.length > max)
      this.list.push(`[ERROR] no more than ${max} items allowed [json-pointer:${pointer}]`);
  }
}

function options(p: Problems, value: unknown, max: number, at: string): void {
  const list = Array.isArray(value) ? value : [];
  p.maxItems(list, max, at);
  for (const [i, o] of list.entries()) {
    p.maxLength(text(asObject(o).text), 75, `${at}/${i}/text/text`);
    p.maxLength(asObject(o).value, 150, `${at}/${i}/value`);
  }
}

function element(p: Problems, el: Json, at: string): void {
  p.maxLength(el.action_id, 255, `${at}/action_id`);
  if (el.placeholder) p.maxLength(text(el.placeholder), 150, `${at}/placeholder/text`);
  switch (el.type) {
    case "button":
      p.maxLength(text(el.text), 75, `${at}/text/text`);
      p.minLength(text(el.text), `${at}/text/text`);
      p.maxLength(el.value, 2000, `${at}/value`);
      break;
    case "static_select":
    case "multi_static_select":
    case "overflow":
    case "radio_buttons":
    case "checkboxes": {
      const most = { overflow: 5, radio_buttons: 10, checkboxes: 10 }[String(el.type)] ?? 100;
      options(p, el.options, most, `${at}/options`);
      const groups = Array.isArray(el.option_groups) ? el.option_groups : [];
      p.maxItems(groups, 100, `${at}/option_groups`);
      // "a maximum number of 100 option groups with a maximum of 100 options": in all.
      const all = groups.flatMap((g) => {
        const o = asObject(g).options;
        return Array.isArray(o) ? o : [];
      });
      if (all.length > 100)
        p.list.push(`[ERROR] no more than 100 options allowed [json-pointer:${at}/option_groups]`);
      for (const [g, group] of groups.entries()) {
        const where = `${at}/option_groups/${g}`;
        p.maxLength(text(asObject(group).label), 75, `${where}/label/text`);
        options(p, asObject(group).options, 100, `${where}/options`);
      }
      break;
    }
    case "plain_text_input":
      if (typeof el.max_length === "number" && el.max_length > 3000)
        p.list.push(`[ERROR] must be less than 3001 [json-pointer:${at}/max_length]`);
      break;
  }
}

function block(p: Problems, b: Json, at: string): void {
  p.maxLength(b.block_id, 255, `${at}/block_id`);
  switch (b.type) {
    case "section": {
      const t = text(b.text);
      p.maxLength(t, 3000, `${at}/text/text`);
      p.minLength(t, `${at}/text/text`);
      const fields = Array.isArray(b.fields) ? b.fields : [];
      p.maxItems(fields, 10, `${at}/fields`);
      for (const [i, f] of fields.entries()) p.maxLength(text(f), 2000, `${at}/fields/${i}/text`);
      if (b.accessory) element(p, asObject(b.accessory), `${at}/accessory`);
      break;
    }
    case "header":
      p.maxLength(text(b.text), 150, `${at}/text/text`);
      p.minLength(text(b.text), `${at}/text/text`);
      break;
    case "context": {
      const elements = Array.isArray(b.elements) ? b.elements : [];
      p.maxItems(elements, 10, `${at}/elements`);
      for (const [i, e] of elements.entries())
        p.maxLength(text(e), 3000, `${at}/elements/${i}/text`);
      break;
    }
    case "actions": {
      const elements = Array.isArray(b.elements) ? b.elements : [];
      p.maxItems(elements, 25, `${at}/elements`);
      for (const [i, e] of elements.entries()) element(p, asObject(e), `${at}/elements/${i}`);
      p.list.push(...duplicateActionIdProblems(elements, `${at}/elements`));
      break;
    }
    case "input":
      p.maxLength(text(b.label), 2000, `${at}/label/text`);
      if (b.hint) p.maxLength(text(b.hint), 2000, `${at}/hint/text`);
      element(p, asObject(b.element), `${at}/element`);
      break;
  }
}

function blocks(p: Problems, value: unknown, max: number, at: string): void {
  if (!Array.isArray(value)) return;
  p.maxItems(value, max, at);
  const ids = new Set<string>();
  for (const [i, b] of value.entries()) {
    block(p, asObject(b), `${at}/${i}`);
    const id = asObject(b).block_id;
    if (typeof id !== "string") continue;
    if (ids.has(id)) p.list.push(`[ERROR] duplicate block_id [json-pointer:${at}/${i}/block_id]`);
    ids.add(id);
  }
}

/** Problems with a message's `blocks` (chat.postMessage, chat.update, response_url…). */
export function messageProblems(params: Json): string[] {
  const p = new Problems();
  // A form body's blocks that are not JSON stay the raw string (web-api-params "keep").
  if (params.blocks !== undefined && !Array.isArray(params.blocks))
    return ["[ERROR] must be an array [json-pointer:/blocks]"];
  blocks(p, params.blocks, 50, "/blocks");
  return p.list;
}

/**
 * The text a message's blocks carry in all, as `chat.postMessage` and `chat.update` count it:
 * Slack refuses more with `msg_blocks_too_long`, a limit it documents only for markdown blocks
 * (12,000) and applies to every block (measured at 11,300–13,300 characters by bolt-js users:
 * slackapi/bolt-js issues 2509 and 2867); a reply to `response_url` is not held to it. The
 * double holds posts to 12,000, the documented figure.
 */
export const POSTED_BLOCKS_TEXT = 12_000;

export function blocksTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + blocksTextLength(v), 0);
  if (!value || typeof value !== "object") return 0;
  return Object.entries(value as Json).reduce(
    (sum, [key, v]) =>
      sum + (key === "text" && typeof v === "string" ? v.length : blocksTextLength(v)),
    0,
  );
}

/** Problems with a message posted through `chat.postMessage` or `chat.update`. */
export function postedMessageProblems(params: Json): string[] {
  const problems = messageProblems(params);
  const length = blocksTextLength(params.blocks);
  if (length > POSTED_BLOCKS_TEXT)
    problems.push(`[ERROR] msg_blocks_too_long: ${length} characters of text in blocks`);
  return problems;
}

/**
 * Problems with a modal or Home `view` (views.open, views.push, views.update, views.publish;
 * `method` picks the type it takes), or one a view_submission ack updates to or pushes.
 */
export function viewProblems(view: unknown, method?: string): string[] {
  const kind = viewKindProblems(view, method);
  if (kind.length > 0) return kind;
  const p = new Problems();
  p.list.push(...modalProblems(view));
  const v = asObject(view);
  if (v.type === "modal") {
    p.maxLength(text(v.title), 24, "/view/title/text");
    if (v.submit) p.maxLength(text(v.submit), 24, "/view/submit/text");
    if (v.close) p.maxLength(text(v.close), 24, "/view/close/text");
  }
  p.maxLength(v.private_metadata, 3000, "/view/private_metadata");
  p.maxLength(v.callback_id, 255, "/view/callback_id");
  blocks(p, v.blocks, 100, "/view/blocks");
  return p.list;
}
