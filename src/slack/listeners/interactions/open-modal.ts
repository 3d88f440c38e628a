import type { RespondFn } from "@slack/bolt";
import type { View } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { isDomainError } from "../../../domain/errors.js";
import type { Logger } from "../../../logger.js";
import type { DmChannelStore } from "../../dm-channel.js";
import { errorMessage, FORM_NOT_OPENED_MESSAGE } from "../../messages/error-messages.js";
import { tellActor } from "./tell-actor.js";

/**
 * A button that opens a form: the form, or a visible reason why not (a refusal in its
 * own words; anything unexpected is logged and apologised for). Never silence.
 */
export async function openModalOrExplain(input: {
  client: WebClient;
  dms: DmChannelStore;
  logger: Logger;
  userId: string;
  triggerId: string;
  respond: RespondFn | undefined;
  what: string;
  build(): Promise<View>;
}): Promise<void> {
  try {
    const view = await input.build();
    await input.client.views.open({ trigger_id: input.triggerId, view });
  } catch (error) {
    if (!isDomainError(error)) {
      input.logger.error({ err: error, user: input.userId }, `could not open the ${input.what}`);
    }
    const text = isDomainError(error) ? errorMessage(error) : FORM_NOT_OPENED_MESSAGE;
    await tellActor(input.client, input.dms, input.userId, input.respond, text).catch(
      (err: unknown) =>
        input.logger.warn({ err, user: input.userId }, "could not tell the user why"),
    );
  }
}
