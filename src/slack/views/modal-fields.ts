import { fitPlain, SLACK_LIMITS } from "../messages/slack-limits.js";

/** Builders and readers for the modal inputs we use; block ids double as field names. */

export const textInput = (
  blockId: string,
  label: string,
  opts: {
    multiline?: boolean;
    optional?: boolean;
    max: number;
    placeholder?: string;
    initial?: string;
  },
) => ({
  type: "input" as const,
  block_id: blockId,
  optional: opts.optional ?? false,
  label: { type: "plain_text" as const, text: label },
  element: {
    type: "plain_text_input" as const,
    action_id: "value",
    multiline: opts.multiline ?? false,
    max_length: opts.max,
    ...(opts.placeholder
      ? { placeholder: { type: "plain_text" as const, text: opts.placeholder } }
      : {}),
    ...(opts.initial ? { initial_value: opts.initial } : {}),
  },
});

export const datePicker = (blockId: string, label: string) => ({
  type: "input" as const,
  block_id: blockId,
  optional: true,
  label: { type: "plain_text" as const, text: label },
  element: { type: "datepicker" as const, action_id: "value" },
});

/** A choice; `number`: the number people know it by (a milestone's), which names its group. */
export type SelectOption = { text: string; value: string; number?: number };

const option = (o: SelectOption) => ({
  text: { type: "plain_text" as const, text: fitPlain(o.text, SLACK_LIMITS.optionText) },
  value: o.value,
});

/**
 * A select. Slack takes at most 100 options; past that they go into groups of 100, so every
 * choice stays reachable, each group labelled by its first and last choice: by their numbers
 * where they have one ("61–160" once milestones 1–60 are done), else by position ("1–100").
 */
export const staticSelect = (
  blockId: string,
  label: string,
  options: SelectOption[],
  optional = false,
) => {
  const size = SLACK_LIMITS.optionsPerSelect;
  const groups = Array.from({ length: Math.ceil(options.length / size) }, (_, g) =>
    options.slice(g * size, (g + 1) * size),
  );
  return {
    type: "input" as const,
    block_id: blockId,
    optional,
    label: { type: "plain_text" as const, text: label },
    element: {
      type: "static_select" as const,
      action_id: "value",
      ...(groups.length <= 1
        ? { options: options.map(option) }
        : {
            option_groups: groups.map((group, g) => {
              const first = group[0]?.number ?? g * size + 1;
              const last = group.at(-1)?.number ?? g * size + group.length;
              return {
                label: {
                  type: "plain_text" as const,
                  text: first === last ? `${first}` : `${first}–${last}`,
                },
                options: group.map(option),
              };
            }),
          }),
    },
  };
};

type StateValues = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_date?: string | null;
      selected_option?: { value?: string } | null;
    }
  >
>;

/** The submitted value of field `blockId`, whatever the element type; "" when empty. */
export function fieldValue(values: unknown, blockId: string): string {
  const element = (values as StateValues | undefined)?.[blockId]?.value;
  const raw = element?.value ?? element?.selected_date ?? element?.selected_option?.value ?? "";
  return typeof raw === "string" ? raw : "";
}
