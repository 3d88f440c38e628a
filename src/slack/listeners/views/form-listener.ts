import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import { publishHomes } from "../../home-publisher.js";
import type { Services } from "../../services.js";
import { viewErrors } from "./view-errors.js";

export type FormArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
export type FormListener = (args: FormArgs) => Promise<void>;

export interface FormSubmission {
  /** The form's blocks: an error shows on the one it names… */
  fields: readonly string[];
  /** …or, naming none of them, on this one. */
  fallback: string;
  /**
   * Does the work, given who submitted and the view. A refusal is thrown and shown
   * on its field, and the form stays open. Returns the people whose App Home shows
   * what changed, to refresh once the form has closed.
   */
  submit(userId: string, view: FormArgs["view"]): Promise<readonly string[] | undefined>;
}

/** A modal submission: validated before the modal closes, then the Homes refreshed. */
export function formListener(
  services: Services,
  logger: Logger,
  form: FormSubmission,
): FormListener {
  return async ({ ack, body, view, client }) => {
    let homes: readonly string[] | undefined;
    try {
      homes = await form.submit(body.user.id, view);
    } catch (error) {
      await ack(viewErrors(error, form.fallback, form.fields, logger));
      return;
    }
    await ack();
    if (!homes) return;
    await publishHomes(client, services, [body.user.id, ...homes]).catch((err) =>
      logger.warn({ err }, "could not refresh App Home"),
    );
  };
}
