import type { FeedbackService } from "../../domain/feedback.service.js";
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
    "feedback.expired": ({ requestId }) => feedback.announceExpiry(requestId),
    "feedback.withdrawn": ({ requestId }) => feedback.announceWithdrawal(requestId),
    "feedback.deliver": ({ entryId }) => feedback.deliver(entryId),
  };
}
