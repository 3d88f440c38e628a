import type { View } from "@slack/types";
import { section } from "../messages/blocks.js";
import { STALE_FORM_MESSAGE } from "../messages/help.message.js";
import { noticeModal } from "./modal-view.js";

/** Shown in place of a form the app no longer knows (from an older version): it says so. */
export function staleFormView(): View {
  return noticeModal("Form out of date", [section(STALE_FORM_MESSAGE)]);
}
