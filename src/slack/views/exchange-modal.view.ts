import type { View } from "@slack/types";
import { EXCHANGE_TEXT_LIMIT, WORKPLACE_TOPICS } from "../../domain/exchange.js";
import { staticSelect, textInput } from "./modal-fields.js";
import { formModal } from "./modal-view.js";

export const OFFER_CALLBACK = "exchange.offer";
export const ADVICE_CALLBACK = "exchange.advice";

/** The mentee's "What can you offer your mentor?" (metadata: the relationship id). */
export function offerModal(relationshipId: string): View {
  return formModal({
    callbackId: OFFER_CALLBACK,
    metadata: relationshipId,
    title: "Share with your mentor",
    submit: "Share",
    blocks: [
      textInput("offer", "What could you offer your mentor?", {
        multiline: true,
        max: EXCHANGE_TEXT_LIMIT,
        placeholder: "A new tool, a trend you follow, help on an initiative",
      }),
    ],
  });
}

/** The mentor's advice on a workplace topic (metadata: the relationship id). */
export function adviceModal(relationshipId: string): View {
  return formModal({
    callbackId: ADVICE_CALLBACK,
    metadata: relationshipId,
    title: "Share advice",
    submit: "Send to mentee",
    blocks: [
      staticSelect(
        "topic",
        "Topic",
        WORKPLACE_TOPICS.map((t) => ({ text: t.name, value: t.id })),
      ),
      textInput("advice", "Your advice", { multiline: true, max: EXCHANGE_TEXT_LIMIT }),
    ],
  });
}
