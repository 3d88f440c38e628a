import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { View } from "@slack/types";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";
import type { SlackMessage } from "../../slack-message.js";
import { replySafely } from "../reply-safely.js";
import { openModalOrExplain } from "./open-modal.js";

export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
export type ButtonListener = (args: ButtonArgs) => Promise<void>;

/**
 * A button that opens a modal built from who pressed it and the button's value,
 * or says why not (see openModalOrExplain). `what` names the modal in the logs.
 */
export function modalButton(
  { dmChannels }: Pick<Services, "dmChannels">,
  logger: Logger,
  what: string,
  build: (userId: string, value: string) => Promise<View>,
): ButtonListener {
  return async ({ ack, body, action, client, respond }) => {
    await ack();
    await openModalOrExplain({
      client,
      dms: dmChannels,
      logger,
      userId: body.user.id,
      triggerId: body.trigger_id,
      respond,
      what,
      build: () => build(body.user.id, action.value ?? ""),
    });
  };
}

/**
 * A button whose work ends in a reply to the person who pressed it: the work's
 * own, or a refusal in words (replySafely). `replace` swaps the message the
 * button was on; otherwise the reply is an ephemeral note under it.
 */
export function answerButton(
  logger: Logger,
  actionId: string,
  replace: boolean,
  work: (userId: string, value: string) => Promise<SlackMessage>,
): ButtonListener {
  return async ({ ack, body, action, respond }) => {
    await ack();
    const reply = await replySafely(logger, { action: actionId, user: body.user.id }, () =>
      work(body.user.id, action.value ?? ""),
    );
    await respond(
      replace
        ? { replace_original: true, ...reply }
        : { response_type: "ephemeral", replace_original: false, ...reply },
    );
  };
}

/** A button that only answers, in place of the message it was on (a "Keep it" beside a confirm). */
export function replyButton(reply: SlackMessage): ButtonListener {
  return async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, ...reply });
  };
}
