import type { KickoffScheduleService } from "../../domain/kickoff.service.js";
import type { KickoffRoadmapService } from "../../domain/kickoff-roadmap.service.js";
import type { WorkplacePrompts } from "../../domain/workplace.service.js";
import type { JobHandlers } from "../job-workers.js";

type KickoffJobs = Pick<
  JobHandlers,
  | "kickoff.plan"
  | "kickoff.invite"
  | "kickoff.answers"
  | "kickoff.remind"
  | "kickoff.confirm"
  | "kickoff.moved"
  | "kickoff.replanned"
  | "kickoff.refit"
  | "kickoff.suggested"
  | "kickoff.confirmed"
>;

/** Thin handlers: the services reload the kickoff and its pair, and decide if it is still due. */
export function kickoffJobHandlers(
  schedule: KickoffScheduleService,
  content: KickoffRoadmapService,
  workplace: Pick<WorkplacePrompts, "plan">,
): KickoffJobs {
  return {
    // A pair became active: plan its monthly workplace prompts and its kickoff. The prompts
    // first: planning the kickoff sends the invitations already due, and a Slack refusing them
    // must not leave the pair without prompts. Each is created once, so a retry adds nothing.
    "kickoff.plan": async ({ relationshipId }) => {
      await workplace.plan(relationshipId);
      await schedule.plan(relationshipId);
    },
    "kickoff.invite": ({ kickoffId, role, inviteAt }) => schedule.invite(kickoffId, role, inviteAt),
    "kickoff.remind": ({ kickoffId, role, startsAt }) => schedule.remind(kickoffId, role, startsAt),
    "kickoff.confirm": ({ kickoffId }) => schedule.askToConfirm(kickoffId),
    "kickoff.moved": ({ kickoffId, at, by, move }) =>
      schedule.announceMove(kickoffId, at, by, move),
    "kickoff.replanned": ({ kickoffId, move, changed }) =>
      schedule.announceReplan(kickoffId, move, changed),
    "kickoff.refit": ({ userId }) => schedule.refit(userId),
    "kickoff.answers": ({ kickoffId, at }) => content.announceAnswers(kickoffId, at),
    "kickoff.suggested": ({ kickoffId, count }) => content.announceSuggestion(kickoffId, count),
    "kickoff.confirmed": ({ kickoffId }) => content.announceConfirmed(kickoffId),
  };
}
