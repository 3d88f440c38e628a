import type { View } from "@slack/types";
import { EXCHANGE_TEXT_LIMIT, WORKPLACE_TOPICS } from "../../domain/exchange.js";
import { staticSelect, textInput } from "./modal-fields.js";

export const OFFER_CALLBACK = "exchange.offer";
export const ADVICE_CALLBACK = "exchange.advice";

/** The mentee's "What can you offer your mentor?" (metadata: the relationship id). */
export function offerModal(relationshipId: string): View {
  return {
    type: "modal",
    callback_id: OFFER_CALLBACK,
    private_metadata: relationshipId,
    title: { type: "plain_text", text: "Share with your mentor" },
    submit: { type: "plain_text", text: "Share" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      textInput("offer", "What could you offer your mentor?", {
        multiline: true,
        max: EXCHANGE_TEXT_LIMIT,
        placeholder: "A new tool, a trend you follow, help on an initiative",
      }),
    ],
  } as View;
}

/** The mentor's advice on a workplace topic (metadata: the relationship id). */
export function adviceModal(relationshipId: string): View {
  return {
    type: "modal",
    callback_id: ADVICE_CALLBACK,
    private_metadata: relationshipId,
    title: { type: "plain_text", text: "Share advice" },
    submit: { type: "plain_text", text: "Send to mentee" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      staticSelect(
        "topic",
        "Topic",
        WORKPLACE_TOPICS.map((t) => ({ text: t.name, value: t.id })),
      ),
      textInput("advice", "Your advice", { multiline: true, max: EXCHANGE_TEXT_LIMIT }),
    ],
  } as View;
}
