import type { FeedbackService } from "../../domain/feedback.service.js";
import { permanentSlackError } from "../../slack/slack-errors.js";
import type { JobHandlers } from "../job-workers.js";

type FeedbackJobs = Pick<
  JobHandlers,
  | "feedback.prompt"
  | "feedback.remind"
  | "feedback.expired"
  | "feedback.withdrawn"
  | "feedback.deliver"
>;

/** Thin handlers: each job names a request or an entry; the service reloads it and decides. */
export function feedbackJobHandlers(feedback: FeedbackService): FeedbackJobs {
  return {
    "feedback.prompt": ({ requestId }) => feedback.prompt(requestId),
    "feedback.remind": ({ requestId, remindAt }) => feedback.remind(requestId, remindAt),
    "feedback.expired": async ({ requestId }) => {
      try {
        await feedback.announceExpiry(requestId);
      } catch (error) {
        // Refused for good (the failure is listed for admins): the request expires untold,
        // rather than stay due and be listed by every sweep, its job tried again each week.
        if (permanentSlackError(error)) await feedback.expireUntold(requestId);
        throw error;
      }
    },
    "feedback.withdrawn": ({ requestId }) => feedback.announceWithdrawal(requestId),
    "feedback.deliver": ({ entryId }) => feedback.deliver(entryId),
  };
}
