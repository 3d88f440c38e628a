import type { IntroductionService } from "../../domain/introduction.service.js";
import type { JobHandlers } from "../job-workers.js";

/** Thin handlers: each job names an introduction (or a request for one); the service decides. */
export function introductionJobHandlers(
  introductions: IntroductionService,
): Pick<JobHandlers, "introductions.post" | "introductions.request"> {
  return {
    "introductions.post": ({ introductionId }) => introductions.deliver(introductionId),
    "introductions.request": ({ introductionId }) => introductions.deliver(introductionId),
  };
}
