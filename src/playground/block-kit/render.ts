/**
 * Block Kit to HTML for the playground page: pure (data in, markup out), so it is unit-tested
 * without a browser. Interactive elements carry what a click must send back to the bot in
 * `data-action` (JSON); modal inputs carry their field address in `data-input`. A block or
 * element it does not know is shown as "unsupported block: X", never silently dropped.
 */
import { escapeHtml, type RenderContext, renderMrkdwn, renderPlainText } from "./mrkdwn.js";

export type { RenderContext } from "./mrkdwn.js";

type Json = Record<string, unknown>;

/** Where blocks are shown: inputs only make sense in a modal. */
export type Surface = "message" | "modal" | "home";

const obj = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const attr = (v: unknown): string => escapeHtml(JSON.stringify(v));

/** A text object (plain_text or mrkdwn). */
export function renderText(text: unknown, ctx: RenderContext): string {
  const t = obj(text);
  return t.type === "mrkdwn"
    ? renderMrkdwn(str(t.text), ctx)
    : renderPlainText(str(t.text), t.emoji !== false);
}

export function renderBlocks(blocks: unknown, ctx: RenderContext, surface: Surface): string {
  return list(blocks)
    .map((block) => renderBlock(obj(block), ctx, surface))
    .join("");
}

/** A message without blocks shows its `text`, as Slack does. */
export function renderMessageBody(message: Json, ctx: RenderContext): string {
  const blocks = list(message.blocks);
  return blocks.length > 0
    ? renderBlocks(blocks, ctx, "message")
    : `<div class="bk-block bk-text">${renderMrkdwn(str(message.text), ctx)}</div>`;
}

function renderBlock(block: Json, ctx: RenderContext, surface: Surface): string {
  const blockId = str(block.block_id);
  switch (block.type) {
    case "section": {
      const fields = list(block.fields);
      const text = block.text ? `<div class="bk-text">${renderText(block.text, ctx)}</div>` : "";
      const grid = fields.length
        ? `<div class="bk-fields">${fields.map((f) => `<div>${renderText(f, ctx)}</div>`).join("")}</div>`
        : "";
      const accessory = block.accessory
        ? `<div class="bk-accessory">${renderElement(obj(block.accessory), blockId, ctx)}</div>`
        : "";
      return `<div class="bk-block bk-section"><div class="bk-main">${text}${grid}</div>${accessory}</div>`;
    }
    case "header":
      return `<h3 class="bk-block bk-header">${renderText(block.text, ctx)}</h3>`;
    case "divider":
      return `<hr class="bk-block bk-divider">`;
    case "context":
      return `<div class="bk-block bk-context">${list(block.elements)
        .map((e) => {
          const el = obj(e);
          return el.type === "image"
            ? imageTag(el, "bk-context-image")
            : `<span>${renderText(el, ctx)}</span>`;
        })
        .join("")}</div>`;
    case "actions":
      return `<div class="bk-block bk-actions">${list(block.elements)
        .map((e) => renderElement(obj(e), blockId, ctx))
        .join("")}</div>`;
    case "image": {
      const title = block.title ? `<figcaption>${renderText(block.title, ctx)}</figcaption>` : "";
      return `<figure class="bk-block bk-image">${title}${imageTag(block, "")}</figure>`;
    }
    case "input":
      return renderInput(block, ctx, surface);
    default:
      return unsupported("block", block.type);
  }
}

function renderInput(block: Json, ctx: RenderContext, surface: Surface): string {
  if (surface !== "modal") return unsupported("block", "input outside a modal");
  const blockId = str(block.block_id);
  const element = obj(block.element);
  const optional = block.optional === true ? ` <span class="bk-optional">(optional)</span>` : "";
  const hint = block.hint ? `<div class="bk-hint">${renderText(block.hint, ctx)}</div>` : "";
  return `<div class="bk-block bk-input" data-block-id="${escapeHtml(blockId)}">
<label class="bk-label">${renderText(block.label, ctx)}${optional}</label>
${renderField(element, blockId, ctx, block.optional !== true)}${hint}<div class="bk-error" data-error-for="${escapeHtml(blockId)}"></div></div>`;
}

/**
 * A modal field: its value is read on submit (view_submission), not sent on change. Like
 * Slack's client, the page does not submit while a required field is empty.
 */
function renderField(element: Json, blockId: string, ctx: RenderContext, required: boolean) {
  const address = attr({
    block_id: blockId,
    action_id: str(element.action_id),
    type: element.type,
  });
  const field = `data-input="${address}"${required ? " required" : ""}`;
  const placeholder = element.placeholder
    ? ` placeholder="${escapeHtml(str(obj(element.placeholder).text))}"`
    : "";
  switch (element.type) {
    case "plain_text_input": {
      const max =
        typeof element.max_length === "number" ? ` maxlength="${element.max_length}"` : "";
      const value = escapeHtml(str(element.initial_value));
      return element.multiline === true
        ? `<textarea class="bk-field" ${field}${placeholder}${max}>${value}</textarea>`
        : `<input class="bk-field" type="text" ${field}${placeholder}${max} value="${value}">`;
    }
    case "datepicker":
      return `<input class="bk-field" type="date" ${field} value="${escapeHtml(str(element.initial_date))}">`;
    case "static_select":
    case "users_select":
      return `<select class="bk-field" ${field}>${selectOptions(element, ctx)}</select>`;
    default:
      return unsupported("element", element.type);
  }
}

function renderElement(el: Json, blockId: string, ctx: RenderContext): string {
  const base = { block_id: blockId, action_id: str(el.action_id), type: el.type };
  const confirm = el.confirm ? { confirm: confirmDialog(obj(el.confirm), ctx) } : {};
  switch (el.type) {
    case "button": {
      if (typeof el.url === "string") {
        return `<a class="bk-button" href="${escapeHtml(el.url)}" target="_blank" rel="noopener noreferrer">${renderText(el.text, ctx)}</a>`;
      }
      const style = el.style === "primary" || el.style === "danger" ? ` bk-${el.style}` : "";
      const action = { ...base, text: obj(el.text), value: el.value, ...confirm };
      return `<button type="button" class="bk-button${style}" data-action="${attr(action)}">${renderText(el.text, ctx)}</button>`;
    }
    case "static_select":
    case "users_select": {
      const action = { ...base, ...confirm };
      return `<select class="bk-select" data-action="${attr(action)}">${selectOptions(el, ctx)}</select>`;
    }
    case "overflow": {
      const action = { ...base, ...confirm };
      const options = list(el.options)
        .map((o) => option(obj(o), false))
        .join("");
      return `<select class="bk-overflow" aria-label="More actions" data-action="${attr(action)}"><option value="">⋯</option>${options}</select>`;
    }
    case "datepicker": {
      const action = { ...base, ...confirm };
      return `<input type="date" class="bk-date" data-action="${attr(action)}" value="${escapeHtml(str(el.initial_date))}">`;
    }
    case "image":
      return imageTag(el, "bk-accessory-image");
    default:
      return unsupported("element", el.type);
  }
}

function selectOptions(el: Json, ctx: RenderContext): string {
  const placeholder = str(obj(el.placeholder).text) || "Select an option";
  const first = `<option value="">${escapeHtml(placeholder)}</option>`;
  if (el.type === "users_select") {
    const initial = str(el.initial_user);
    return (
      first +
      ctx.people
        .map(
          (p) =>
            `<option value="${escapeHtml(p.id)}"${p.id === initial ? " selected" : ""}>${escapeHtml(p.name)}</option>`,
        )
        .join("")
    );
  }
  const initial = str(obj(el.initial_option).value);
  const plain = list(el.options).map((o) => option(obj(o), str(obj(o).value) === initial));
  const groups = list(el.option_groups).map((g) => {
    const group = obj(g);
    const inner = list(group.options)
      .map((o) => option(obj(o), str(obj(o).value) === initial))
      .join("");
    return `<optgroup label="${escapeHtml(str(obj(group.label).text))}">${inner}</optgroup>`;
  });
  return first + plain.join("") + groups.join("");
}

function option(o: Json, selected: boolean): string {
  const text = str(obj(o.text).text);
  return `<option value="${escapeHtml(str(o.value))}" data-text="${escapeHtml(text)}"${selected ? " selected" : ""}>${escapeHtml(text)}</option>`;
}

function confirmDialog(confirm: Json, ctx: RenderContext) {
  return {
    title: str(obj(confirm.title).text) || "Are you sure?",
    html: renderText(confirm.text, ctx),
    confirm: str(obj(confirm.confirm).text) || "Yes",
    deny: str(obj(confirm.deny).text) || "Cancel",
    style: str(confirm.style),
  };
}

/** Images load only from this machine; anything else shows its alt text (no outside calls). */
function imageTag(el: Json, className: string): string {
  const url = str(el.image_url);
  const alt = escapeHtml(str(el.alt_text));
  const local = /^(data:image\/|https?:\/\/(127\.0\.0\.1|localhost)[:/])/.test(url);
  return local
    ? `<img class="${className}" src="${escapeHtml(url)}" alt="${alt}">`
    : `<span class="bk-image-placeholder ${className}" title="${escapeHtml(url)}">🖼 ${alt}</span>`;
}

function unsupported(kind: "block" | "element", type: unknown): string {
  const name = escapeHtml(typeof type === "string" ? type : JSON.stringify(type ?? null));
  return `<div class="bk-unsupported" role="alert">unsupported ${kind}: ${name}</div>`;
}
