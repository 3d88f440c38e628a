/**
 * Slack's documented Block Kit limits, checked the way Slack checks them: a message or view
 * that breaks one is refused (chat.* answer `invalid_blocks`, views.* `invalid_arguments`),
 * each problem as "[ERROR] <what> [json-pointer:<where>]". Pure, so it is unit-tested.
 */
import { SLACK_LIMITS } from "../../slack/messages/slack-limits.js";
import { duplicateActionIdProblems, modalProblems, viewKindProblems } from "./view-shape.js";

type Json = Record<string, unknown>;

/** Slack's numbers: those the bot's builders fit to come from one place (SLACK_LIMITS). */
export const LIMITS = {
  messageBlocks: SLACK_LIMITS.blocksPerMessage,
  viewBlocks: SLACK_LIMITS.blocksPerView,
  sectionText: SLACK_LIMITS.sectionText,
  sectionFields: 10,
  fieldText: 2000,
  headerText: SLACK_LIMITS.headerText,
  contextElements: 10,
  contextText: SLACK_LIMITS.contextText,
  actionsElements: 25,
  blockId: SLACK_LIMITS.blockId,
  actionId: SLACK_LIMITS.actionId,
  buttonText: SLACK_LIMITS.buttonText,
  buttonValue: SLACK_LIMITS.buttonValue,
  url: 3000,
  options: SLACK_LIMITS.optionsPerSelect,
  overflowOptions: 5,
  choiceOptions: 10,
  optionGroups: 100,
  groupLabel: 75,
  optionText: SLACK_LIMITS.optionText,
  optionValue: SLACK_LIMITS.optionValue,
  placeholder: SLACK_LIMITS.placeholder,
  label: SLACK_LIMITS.inputLabel,
  hint: 2000,
  inputMaxLength: 3000,
  altText: 2000,
  modalTitle: SLACK_LIMITS.modalTitle,
  modalButton: SLACK_LIMITS.modalButton,
  privateMetadata: SLACK_LIMITS.privateMetadata,
  callbackId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

/** Block types Slack knows; the playground renders some of them and names the rest. */
const SLACK_BLOCK_TYPES = new Set([
  "actions",
  "context",
  "divider",
  "file",
  "header",
  "image",
  "input",
  "markdown",
  "rich_text",
  "section",
  "video",
]);

const obj = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const textOf = (v: unknown): string => {
  const t = obj(v).text;
  return typeof t === "string" ? t : "";
};

class Problems {
  readonly found: string[] = [];

  tooLong(value: unknown, limit: number, pointer: string): void {
    if (typeof value === "string" && value.length > limit) {
      this.add(`must be less than ${limit + 1} characters`, pointer);
    }
  }

  tooMany(items: unknown[], limit: number, pointer: string): void {
    if (items.length > limit) this.add(`must provide no more than ${limit} items`, pointer);
  }

  add(what: string, pointer: string): void {
    this.found.push(`[ERROR] ${what} [json-pointer:${pointer}]`);
  }
}

/** Problems of a chat.postMessage / chat.update / response_url message; [] when Slack accepts it. */
export function messageProblems(blocks: unknown): string[] {
  const problems = new Problems();
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ["[ERROR] must be an array [json-pointer:/blocks]"];
  problems.tooMany(blocks, LIMITS.messageBlocks, "/blocks");
  checkBlocks(blocks, "/blocks", problems, false);
  return problems.found;
}

/** Problems of a view given to views.open / push / update / publish (`method` picks the type). */
export function viewProblems(view: unknown, method?: string): string[] {
  const kind = viewKindProblems(view, method);
  if (kind.length > 0) return kind;
  const problems = new Problems();
  problems.found.push(...modalProblems(view));
  const v = obj(view);
  const blocks = list(v.blocks);
  problems.tooMany(blocks, LIMITS.viewBlocks, "/view/blocks");
  problems.tooLong(v.private_metadata, LIMITS.privateMetadata, "/view/private_metadata");
  problems.tooLong(v.callback_id, LIMITS.callbackId, "/view/callback_id");
  if (v.type === "modal") {
    problems.tooLong(textOf(v.title), LIMITS.modalTitle, "/view/title/text");
    problems.tooLong(textOf(v.submit), LIMITS.modalButton, "/view/submit/text");
    problems.tooLong(textOf(v.close), LIMITS.modalButton, "/view/close/text");
  }
  checkBlocks(blocks, "/view/blocks", problems, v.type === "modal");
  return problems.found;
}

function checkBlocks(blocks: unknown[], at: string, p: Problems, inModal: boolean): void {
  const seen = new Set<string>();
  blocks.forEach((raw, i) => {
    const block = obj(raw);
    const here = `${at}/${i}`;
    const type = typeof block.type === "string" ? block.type : "";
    if (!SLACK_BLOCK_TYPES.has(type)) {
      p.add(`unsupported type: ${type || "(none)"}`, `${here}/type`);
      return;
    }
    if (typeof block.block_id === "string") {
      p.tooLong(block.block_id, LIMITS.blockId, `${here}/block_id`);
      if (seen.has(block.block_id)) p.add("duplicate block_id", `${here}/block_id`);
      seen.add(block.block_id);
    }
    checkBlock(type, block, here, p, inModal);
  });
}

function checkBlock(type: string, block: Json, here: string, p: Problems, inModal: boolean) {
  switch (type) {
    case "section": {
      const fields = list(block.fields);
      if (!block.text && fields.length === 0) p.add("must provide text or fields", here);
      if (block.text && !textOf(block.text)) {
        p.add("must be more than 0 characters", `${here}/text/text`);
      }
      p.tooLong(textOf(block.text), LIMITS.sectionText, `${here}/text/text`);
      p.tooMany(fields, LIMITS.sectionFields, `${here}/fields`);
      fields.forEach((f, i) => {
        p.tooLong(textOf(f), LIMITS.fieldText, `${here}/fields/${i}/text`);
      });
      if (block.accessory) checkElement(obj(block.accessory), `${here}/accessory`, p);
      return;
    }
    case "header":
      if (obj(block.text).type !== "plain_text") {
        p.add("must be a plain_text text object", `${here}/text`);
      }
      p.tooLong(textOf(block.text), LIMITS.headerText, `${here}/text/text`);
      return;
    case "context": {
      const elements = list(block.elements);
      p.tooMany(elements, LIMITS.contextElements, `${here}/elements`);
      elements.forEach((e, i) => {
        p.tooLong(obj(e).text, LIMITS.contextText, `${here}/elements/${i}/text`);
      });
      return;
    }
    case "actions": {
      const elements = list(block.elements);
      p.tooMany(elements, LIMITS.actionsElements, `${here}/elements`);
      elements.forEach((e, i) => {
        checkElement(obj(e), `${here}/elements/${i}`, p);
      });
      p.found.push(...duplicateActionIdProblems(elements, `${here}/elements`));
      return;
    }
    case "image":
      p.tooLong(block.image_url, LIMITS.url, `${here}/image_url`);
      p.tooLong(block.alt_text, LIMITS.altText, `${here}/alt_text`);
      return;
    case "input":
      if (!inModal) p.add("input blocks are only allowed in modals", `${here}/type`);
      p.tooLong(textOf(block.label), LIMITS.label, `${here}/label/text`);
      p.tooLong(textOf(block.hint), LIMITS.hint, `${here}/hint/text`);
      checkElement(obj(block.element), `${here}/element`, p);
      return;
    default:
      return;
  }
}

function checkElement(el: Json, here: string, p: Problems): void {
  p.tooLong(el.action_id, LIMITS.actionId, `${here}/action_id`);
  p.tooLong(textOf(el.placeholder), LIMITS.placeholder, `${here}/placeholder/text`);
  if (el.confirm) {
    const c = obj(el.confirm);
    p.tooLong(textOf(c.title), LIMITS.confirmTitle, `${here}/confirm/title/text`);
    p.tooLong(textOf(c.text), LIMITS.confirmText, `${here}/confirm/text/text`);
    p.tooLong(textOf(c.confirm), LIMITS.confirmButton, `${here}/confirm/confirm/text`);
    p.tooLong(textOf(c.deny), LIMITS.confirmButton, `${here}/confirm/deny/text`);
  }
  switch (el.type) {
    case "button":
      if (!textOf(el.text)) p.add("must be more than 0 characters", `${here}/text/text`);
      p.tooLong(textOf(el.text), LIMITS.buttonText, `${here}/text/text`);
      p.tooLong(el.value, LIMITS.buttonValue, `${here}/value`);
      p.tooLong(el.url, LIMITS.url, `${here}/url`);
      if (el.style !== undefined && el.style !== "primary" && el.style !== "danger") {
        p.add("must be one of: primary, danger", `${here}/style`);
      }
      return;
    case "static_select":
    case "multi_static_select":
    case "overflow":
    case "radio_buttons":
    case "checkboxes": {
      const limit =
        el.type === "overflow"
          ? LIMITS.overflowOptions
          : el.type === "radio_buttons" || el.type === "checkboxes"
            ? LIMITS.choiceOptions
            : LIMITS.options;
      checkOptions(list(el.options), limit, `${here}/options`, p);
      checkOptionGroups(list(el.option_groups), `${here}/option_groups`, p);
      return;
    }
    case "plain_text_input":
      if (typeof el.max_length === "number" && el.max_length > LIMITS.inputMaxLength) {
        p.add(`must be at most ${LIMITS.inputMaxLength}`, `${here}/max_length`);
      }
      return;
    case "datepicker":
      if (el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date))) {
        p.add("must be a date in the format YYYY-MM-DD", `${here}/initial_date`);
      }
      return;
    default:
      return;
  }
}

function checkOptions(options: unknown[], limit: number, at: string, p: Problems): void {
  p.tooMany(options, limit, at);
  options.forEach((o, i) => {
    p.tooLong(textOf(obj(o).text), LIMITS.optionText, `${at}/${i}/text/text`);
    p.tooLong(obj(o).value, LIMITS.optionValue, `${at}/${i}/value`);
  });
}

/** At most 100 groups, each label 75 characters, and 100 options in all the groups together. */
function checkOptionGroups(groups: unknown[], at: string, p: Problems): void {
  p.tooMany(groups, LIMITS.optionGroups, at);
  const all = groups.flatMap((g) => list(obj(g).options));
  if (all.length > LIMITS.options) {
    p.add(`must provide no more than ${LIMITS.options} options in all groups`, at);
  }
  groups.forEach((g, i) => {
    p.tooLong(textOf(obj(g).label), LIMITS.groupLabel, `${at}/${i}/label/text`);
    checkOptions(list(obj(g).options), LIMITS.options, `${at}/${i}/options`, p);
  });
}

/** The text of blocks, in all, as Slack counts it against a posted message's budget. */
function textLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + textLength(v), 0);
  if (!value || typeof value !== "object") return 0;
  return Object.entries(value as Json).reduce(
    (sum, [key, v]) => sum + (key === "text" && typeof v === "string" ? v.length : textLength(v)),
    0,
  );
}

/**
 * Problems of a message's text in all, posted with chat.postMessage or chat.update: Slack
 * answers `msg_blocks_too_long` past 12,000 characters (documented for markdown blocks, applied
 * to every block); a response_url reply is not held to it.
 */
export function postedTextProblems(blocks: unknown): string[] {
  const length = textLength(blocks);
  return length > POSTED_BLOCKS_TEXT
    ? [
        `[ERROR] ${length} characters of text in blocks, more than ${POSTED_BLOCKS_TEXT} [json-pointer:/blocks]`,
      ]
    : [];
}

const POSTED_BLOCKS_TEXT = 12_000;
