import type { View } from "@slack/types";
import { section } from "../messages/blocks.js";
import { STALE_FORM_MESSAGE } from "../messages/help.message.js";

/** Shown in place of a form the app no longer knows (from an older version): it says so. */
export function staleFormView(): View {
  return {
    type: "modal",
    title: { type: "plain_text", text: "Form out of date" },
    close: { type: "plain_text", text: "Close" },
    blocks: [section(STALE_FORM_MESSAGE)],
  };
}
