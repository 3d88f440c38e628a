import type { CelebrationService } from "../../domain/celebration.service.js";
import type { IntroductionService } from "../../domain/introduction.service.js";
import type { JobHandlers } from "../job-workers.js";

type CelebrationJobs = Pick<
  JobHandlers,
  "celebrations.post" | "celebrations.share" | "introductions.post" | "introductions.request"
>;

/** Thin handlers: each job names a milestone or an introduction; the services reload and decide. */
export function celebrationJobHandlers(
  celebrations: CelebrationService,
  introductions: IntroductionService,
): CelebrationJobs {
  return {
    "celebrations.post": ({ milestoneId }) => celebrations.celebrate(milestoneId),
    "celebrations.share": ({ milestoneId }) => celebrations.shareAfterAsking(milestoneId),
    "introductions.post": ({ introductionId }) => introductions.deliver(introductionId),
    "introductions.request": ({ introductionId }) => introductions.deliver(introductionId),
  };
}
