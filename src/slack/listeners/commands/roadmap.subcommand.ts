import { DomainError } from "../../../domain/errors.js";
import { requireMilestoneNumber } from "../../../domain/input-rules.js";
import type { CommandOf } from "../../commands/parsed-command.js";
import { confirmRemoveMessage } from "../../messages/milestone-remove.messages.js";
import {
  goalSavedReply,
  milestoneAddedReply,
  milestoneAlreadyDoneReply,
  milestoneEditedReply,
  milestoneReachedReply,
  milestoneReopenedReply,
  milestoneShownReply,
  progressLoggedReply,
} from "../../messages/milestone-replies.messages.js";
import { roadmapMessage } from "../../messages/roadmap.messages.js";
import type { SlackMessage } from "../../slack-message.js";
import { addMilestoneModal } from "../../views/milestone-modal.view.js";
import type { SubcommandContext } from "./subcommand.js";

type RoadmapCommand = CommandOf<
  | "goal"
  | "roadmap"
  | "milestone.add"
  | "milestone.edit"
  | "milestone.remove"
  | "milestone.show"
  | "log"
  | "done"
  | "reopen"
>;

/** Goal, milestones, progress and the roadmap itself, from `/mentor …` and `/progress`. */
export async function roadmapSubcommand(
  ctx: SubcommandContext,
  command: RoadmapCommand,
): Promise<SlackMessage | null> {
  const { services, actorId } = ctx;
  const { roadmap, milestoneProgress } = services;
  const target = command.otherId ? { otherId: command.otherId } : {};
  switch (command.kind) {
    case "roadmap": {
      const found = await roadmap.roadmap(actorId, target);
      return roadmapMessage(found, await roadmap.todayForOverdue(actorId, found.milestones));
    }
    case "goal":
      return goalSavedReply(await roadmap.setGoal(actorId, target, command.text, command.date));
    case "milestone.add": {
      if (!command.title && command.date) throw new DomainError("title_before_date");
      if (!command.title) {
        // Resolve first, so someone without a roadmap gets the refusal, not a form.
        const found = await roadmap.roadmapToChange(actorId, target);
        await ctx.openModal(addMilestoneModal(found.relationshipId));
        return null;
      }
      const added = await roadmap.addMilestone(actorId, target, {
        title: command.title,
        dueDate: command.date,
      });
      return milestoneAddedReply(added.number, added.milestone, added.roadmap);
    }
    case "milestone.edit": {
      const number = requireMilestoneNumber(command.number, "milestone_edit");
      const edited = await roadmap.editMilestone(actorId, target, number, {
        title: command.title,
        dueDate: command.date,
      });
      return milestoneEditedReply(number, edited.milestone);
    }
    case "milestone.show": {
      const number = requireMilestoneNumber(command.number, "milestone_show");
      const found = await roadmap.milestoneByNumber(actorId, target, number);
      return milestoneShownReply(number, found.milestone, await roadmap.todayFor(actorId));
    }
    case "milestone.remove": {
      const number = requireMilestoneNumber(command.number, "milestone_remove");
      const found = await roadmap.milestoneByNumber(actorId, target, number);
      return confirmRemoveMessage(found.milestone, number);
    }
    case "log": {
      const number = requireMilestoneNumber(command.number, "log");
      const logged = await milestoneProgress.logProgress(actorId, target, number, command.note);
      return progressLoggedReply(number, logged.milestone);
    }
    case "done": {
      const number = requireMilestoneNumber(command.number, "done");
      const done = await milestoneProgress.markDone(actorId, target, number, command.note);
      if (!done.firstTime) return milestoneAlreadyDoneReply(number, done.milestone);
      const today = await roadmap.todayFor(actorId);
      return milestoneReachedReply(number, done.milestone, done.roadmap, today);
    }
    case "reopen": {
      const number = requireMilestoneNumber(command.number, "reopen");
      const reopened = await milestoneProgress.reopen(actorId, target, number);
      return milestoneReopenedReply(number, reopened.milestone, reopened.roadmap);
    }
  }
}
