import type { App } from "@slack/bolt";
import { DomainError } from "../../../domain/errors.js";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";
import {
  FEEDBACK_CALLBACK,
  FEEDBACK_FIELDS,
  parseFeedbackSubject,
} from "../../views/feedback-modal.view.js";
import { fieldValue } from "../../views/modal-fields.js";
import { type FormListener, formListener } from "./form-listener.js";

/**
 * The Give-feedback modal: errors shown on their field; the feedback then reaches the mentee
 * once, and both Homes are refreshed.
 */
export const feedbackForm = (services: Services, logger: Logger): FormListener =>
  formListener(services, logger, {
    fields: FEEDBACK_FIELDS,
    fallback: "wentWell",
    submit: async (userId, view) => {
      const values = view.state.values;
      const subject = parseFeedbackSubject(view.private_metadata);
      if (!subject) throw new DomainError("feedback_request_not_found");
      const rating = fieldValue(values, "rating");
      const entry = await services.feedback.submit(
        userId,
        subject,
        {
          wentWell: fieldValue(values, "wentWell"),
          toImprove: fieldValue(values, "toImprove"),
          rating: rating ? Number(rating) : null,
          nextStep: fieldValue(values, "nextStep"),
        },
        `view:${view.id}`,
      );
      // The giver's Home drops it from "Feedback you owe".
      return [entry.giverId, entry.recipientId];
    },
  });

export function registerFeedbackSubmitView(app: App, services: Services, logger: Logger): void {
  app.view(FEEDBACK_CALLBACK, feedbackForm(services, logger));
}
