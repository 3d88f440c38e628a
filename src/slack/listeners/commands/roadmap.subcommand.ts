import { formatCalendarDate } from "../../../domain/calendar-date.js";
import { DomainError } from "../../../domain/errors.js";
import { requireMilestoneNumber } from "../../../domain/input-rules.js";
import { MILESTONE_STATUS_LABEL } from "../../../domain/roadmap.js";
import type { CommandOf } from "../../commands/parsed-command.js";
import type { SlackMessage } from "../../direct-messenger.js";
import { escapeMrkdwn } from "../../messages/escape.js";
import { confirmRemoveMessage } from "../../messages/milestone-remove.messages.js";
import {
  goalLine,
  milestoneDetailBlocks,
  progressLine,
  roadmapMessage,
} from "../../messages/roadmap.messages.js";
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
  const roadmap = services.roadmap;
  const target = command.otherId ? { otherId: command.otherId } : {};
  switch (command.kind) {
    case "roadmap": {
      const found = await roadmap.roadmap(actorId, target);
      return roadmapMessage(found, await roadmap.todayFor(actorId));
    }
    case "goal": {
      const updated = await roadmap.setGoal(actorId, target, command.text, command.date);
      return { text: `Career aspiration saved.\n${goalLine(updated)}` };
    }
    case "milestone.add": {
      if (!command.title && command.date) {
        throw new DomainError("title_before_date");
      }
      if (!command.title) {
        // Resolve first, so someone without a roadmap gets the refusal, not a form.
        const found = await roadmap.roadmap(actorId, target);
        if (found.endedAt) throw new DomainError("mentorship_ended");
        await ctx.openModal(addMilestoneModal(found.relationshipId));
        return null;
      }
      const added = await roadmap.addMilestone(actorId, target, {
        title: command.title,
        dueDate: command.date,
      });
      return {
        text: `Added milestone ${added.number}: *${escapeMrkdwn(added.milestone.title)}*${due(added.milestone.dueDate)}.\n${progressLine(added.roadmap)}`,
      };
    }
    case "milestone.edit": {
      const number = requireMilestoneNumber(command.number, "milestone_edit");
      const edited = await roadmap.editMilestone(actorId, target, number, {
        title: command.title,
        dueDate: command.date,
      });
      return {
        text: `Updated milestone ${number}: *${escapeMrkdwn(edited.milestone.title)}*${due(edited.milestone.dueDate)}.`,
      };
    }
    case "milestone.show": {
      const number = requireMilestoneNumber(command.number, "milestone_show");
      const found = await roadmap.milestoneByNumber(actorId, target, number);
      return {
        text: `Milestone ${number}: ${escapeMrkdwn(found.milestone.title)}`,
        blocks: milestoneDetailBlocks(found.milestone, number, await roadmap.todayFor(actorId)),
      };
    }
    case "milestone.remove": {
      const number = requireMilestoneNumber(command.number, "milestone_remove");
      const found = await roadmap.milestoneByNumber(actorId, target, number);
      return confirmRemoveMessage(found.milestone, number);
    }
    case "log": {
      const number = requireMilestoneNumber(command.number, "log");
      const logged = await services.milestoneProgress.logProgress(
        actorId,
        target,
        number,
        command.note,
      );
      return {
        text: `Progress logged on milestone ${number}: *${escapeMrkdwn(logged.milestone.title)}* (now ${MILESTONE_STATUS_LABEL[logged.milestone.status].toLowerCase()}).`,
      };
    }
    case "done": {
      const number = requireMilestoneNumber(command.number, "done");
      const done = await services.milestoneProgress.markDone(actorId, target, number, command.note);
      if (!done.firstTime) {
        return {
          text: `Milestone ${number}, *${escapeMrkdwn(done.milestone.title)}*, was already marked as reached.`,
        };
      }
      return {
        text: `:tada: Milestone ${number} reached: *${escapeMrkdwn(done.milestone.title)}*, on ${formatCalendarDate(await roadmap.todayFor(actorId))}. ${progressLine(done.roadmap)}`,
      };
    }
    case "reopen": {
      const number = requireMilestoneNumber(command.number, "reopen");
      const reopened = await services.milestoneProgress.reopen(actorId, target, number);
      return {
        text: `Milestone ${number}, *${escapeMrkdwn(reopened.milestone.title)}*, is in progress again. ${progressLine(reopened.roadmap)}`,
      };
    }
  }
}

function due(date: string | null): string {
  return date ? `, due ${formatCalendarDate(date)}` : "";
}
