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

export const staticSelect = (
  blockId: string,
  label: string,
  options: Array<{ text: string; value: string }>,
  optional = false,
) => ({
  type: "input" as const,
  block_id: blockId,
  optional,
  label: { type: "plain_text" as const, text: label },
  element: {
    type: "static_select" as const,
    action_id: "value",
    options: options.map((o) => ({
      text: { type: "plain_text" as const, text: o.text.slice(0, 75) },
      value: o.value,
    })),
  },
});

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
