/**
 * Block Kit rules that are not lengths or counts: the shape Slack requires of a view, and an
 * action_id unique within its block. Both stand-ins for Slack check them with this one file:
 * the playground's Web API (limits.ts) and the tests' Slack double
 * (test/support/block-kit-limits.ts). No number here comes from the bot, so the double still
 * trusts nothing of the code it tests.
 */
type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});
const problem = (what: string, pointer: string) => `[ERROR] ${what} [json-pointer:${pointer}]`;

/** The view type each views.* method takes: views.update changes either kind in place. */
const TYPES_BY_METHOD: Record<string, string[]> = {
  "views.open": ["modal"],
  "views.push": ["modal"],
  "views.publish": ["home"],
};

/** Problems with a views.* `view` that stop any other check: not an object, or not a type the method takes. */
export function viewKindProblems(view: unknown, method?: string): string[] {
  if (!view || typeof view !== "object" || Array.isArray(view)) {
    return [problem("must provide a view object", "/view")];
  }
  const type = (view as Json).type;
  const allowed = (method && TYPES_BY_METHOD[method]) || ["modal", "home"];
  if (typeof type !== "string" || !allowed.includes(type)) {
    return [problem(`must be one of: ${allowed.join(", ")}`, "/view/type")];
  }
  return [];
}

/** A modal needs a title, and a submit button once it holds an input block. */
export function modalProblems(view: unknown): string[] {
  const v = obj(view);
  if (v.type !== "modal") return [];
  const found: string[] = [];
  const title = obj(v.title).text;
  if (typeof title !== "string" || title.length === 0) {
    found.push(problem("must provide a title", "/view/title"));
  }
  const blocks = Array.isArray(v.blocks) ? v.blocks : [];
  if (blocks.some((b) => obj(b).type === "input") && !v.submit) {
    found.push(problem("must provide a submit button when using an input block", "/view/submit"));
  }
  return found;
}

/** Slack wants each action_id unique among the elements of one block. */
export function duplicateActionIdProblems(elements: unknown, at: string): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  for (const [i, e] of (Array.isArray(elements) ? elements : []).entries()) {
    const id = obj(e).action_id;
    if (typeof id !== "string") continue;
    if (seen.has(id)) found.push(problem("duplicate action_id", `${at}/${i}/action_id`));
    seen.add(id);
  }
  return found;
}

/**
 * The block_ids of a view's input blocks: the only keys a view_submission's
 * `response_action: "errors"` may name.
 */
export function inputBlockIds(view: unknown): string[] {
  const blocks = obj(view).blocks;
  return (Array.isArray(blocks) ? blocks : [])
    .map(obj)
    .filter((b) => b.type === "input" && typeof b.block_id === "string")
    .map((b) => b.block_id as string);
}

/** Problems with a `response_action: "errors"` ack: each key must name an input block. */
export function submissionErrorsProblems(errors: unknown, submitted: unknown): string[] {
  if (!errors || typeof errors !== "object" || Array.isArray(errors)) {
    return [problem("must provide an object of errors", "/errors")];
  }
  const inputs = new Set(inputBlockIds(submitted));
  return Object.keys(errors)
    .filter((key) => !inputs.has(key))
    .map((key) => problem(`no input block with block_id ${key} in the view`, `/errors/${key}`));
}
