import type { View } from "@slack/types";
import { LIMITS } from "../../domain/input-rules.js";
import { SUGGESTED_MILESTONES } from "../../domain/kickoff.js";
import type { SuggestionDraft } from "../../domain/kickoff-roadmap.service.js";
import { ROADMAP_TEMPLATES } from "../../domain/roadmap-templates.js";
import { KICKOFF_ACTIONS } from "../messages/kickoff.messages.js";
import { fitPlain, SLACK_LIMITS } from "../messages/slack-limits.js";
import { formModal } from "./modal-view.js";

export const SUGGEST_CALLBACK = "kickoff.suggest";

/** What the suggestion form carries: the kickoff and the template it was filled from. */
export function suggestionMetadata(kickoffId: string, templateId: string): string {
  return JSON.stringify({ kickoffId, templateId });
}

export function readSuggestionMetadata(raw: string): { kickoffId: string; templateId: string } {
  try {
    const parsed = JSON.parse(raw) as { kickoffId?: unknown; templateId?: unknown };
    return {
      kickoffId: String(parsed.kickoffId ?? ""),
      templateId: String(parsed.templateId ?? ""),
    };
  } catch {
    return { kickoffId: "", templateId: "" };
  }
}

const option = (t: { id: string; name: string }) => ({
  text: { type: "plain_text" as const, text: fitPlain(t.name, SLACK_LIMITS.optionText) },
  value: t.id,
});

/**
 * "Suggest milestones": a template select (choosing one fills the rows again) and eight rows of
 * title and due date, pre-filled from the template; the mentor edits, clears or adds rows.
 */
export function suggestMilestonesModal(draft: SuggestionDraft): View {
  const rows = Array.from({ length: SUGGESTED_MILESTONES.max }, (_, i) => draft.milestones[i]);
  return formModal({
    callbackId: SUGGEST_CALLBACK,
    metadata: suggestionMetadata(draft.kickoff.id, draft.template.id),
    title: "Suggest milestones",
    submit: "Save to roadmap",
    blocks: [
      {
        type: "section",
        block_id: "template",
        text: {
          type: "mrkdwn",
          text: `Start from a template (now: *${draft.template.name}*), then edit. Keep 4-8 milestones; clear a title to leave a row out.`,
        },
        accessory: {
          type: "static_select",
          action_id: KICKOFF_ACTIONS.template,
          initial_option: option(draft.template),
          options: ROADMAP_TEMPLATES.map(option),
        },
      },
      ...rows.flatMap((row, i) => [
        {
          type: "input",
          block_id: `title_${i}`,
          optional: true,
          label: { type: "plain_text", text: `Milestone ${i + 1}` },
          // Per template: Slack keeps typed input across an update only for the same action_id,
          // so a new template's titles replace the old ones.
          element: {
            type: "plain_text_input",
            action_id: `value_${draft.template.id}`,
            max_length: LIMITS.title,
            ...(row ? { initial_value: row.title } : {}),
          },
        },
        {
          type: "input",
          block_id: `due_${i}`,
          optional: true,
          label: { type: "plain_text", text: `Due date ${i + 1}` },
          element: {
            type: "datepicker",
            action_id: `value_${draft.template.id}`,
            ...(row ? { initial_date: row.dueDate } : {}),
          },
        },
      ]),
    ],
  });
}

type State = Record<
  string,
  Record<string, { value?: string | null; selected_date?: string | null }>
>;

/** The rows as submitted: each block holds one element, whatever its template's action id. */
export function suggestionRows(values: unknown): Array<{ title: string; dueDate: string }> {
  const state = (values ?? {}) as State;
  const first = (blockId: string) => Object.values(state[blockId] ?? {})[0];
  return Array.from({ length: SUGGESTED_MILESTONES.max }, (_, i) => ({
    title: first(`title_${i}`)?.value ?? "",
    dueDate: first(`due_${i}`)?.selected_date ?? "",
  }));
}
