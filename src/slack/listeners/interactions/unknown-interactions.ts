import type { AnyMiddlewareArgs, Middleware, RespondFn } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { DmChannelStore } from "../../dm-channel.js";
import { OLDER_BUTTON_MESSAGE } from "../../messages/help.message.js";
import { staleFormView } from "../../views/stale-form.view.js";
import type { KnownInteractions } from "./known-interactions.js";
import { tellActor } from "./tell-actor.js";

interface InteractionBody {
  type?: string;
  user?: { id?: string };
  actions?: Array<{ action_id?: string; block_id?: string }>;
  view?: { callback_id?: string };
}

/** Interactions this app never registers listeners for: acknowledged, nothing else to do. */
const ACK_ONLY = new Set([
  "view_closed",
  "shortcut",
  "message_action",
  "block_suggestion",
  "interactive_message",
]);

/**
 * Acknowledges every interaction. A button no listener knows (a message from an older
 * version, a stray payload) gets a short pointer to what works now; an unknown form gets
 * a clear message in place of the form. Both are logged at info: they are not our errors.
 */
export function unknownInteractionGuard(
  known: KnownInteractions,
  logger: Logger,
  dms: DmChannelStore,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as InteractionBody;
    const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
    const userId = body.user?.id ?? "";
    if (body.type === "block_actions") {
      const unknown = (body.actions ?? []).filter(
        (a) => !known.hasAction(a.action_id ?? "", a.block_id ?? ""),
      );
      if (unknown.length === 0 || unknown.length < (body.actions ?? []).length) return args.next();
      await ack?.();
      logger.info(
        { user: userId, actionId: unknown[0]?.action_id },
        "button from an older message",
      );
      const respond = (args as { respond?: RespondFn }).respond;
      await tellActor(args.client, dms, userId, respond, OLDER_BUTTON_MESSAGE).catch(
        (err: unknown) => logger.warn({ err, user: userId }, "could not answer an older button"),
      );
      return;
    }
    if (body.type === "view_submission" && !known.hasView(body.view?.callback_id ?? "")) {
      logger.info({ user: userId, callbackId: body.view?.callback_id }, "unknown form submitted");
      await ack?.({ response_action: "update", view: staleFormView() });
      return;
    }
    if (body.type && ACK_ONLY.has(body.type)) {
      await ack?.();
      return;
    }
    await args.next();
  };
}
