import type { App } from "@slack/bolt";
import type { View } from "@slack/types";
import type { Logger } from "../../../logger.js";
import {
  type MentorCommand,
  parseMentorCommand,
  parseProgressCommand,
} from "../../commands/mentor-command.parser.js";
import type { SlackMessage } from "../../direct-messenger.js";
import { confirmForgetMessage } from "../../messages/forgetting.messages.js";
import { helpBlocks, helpText } from "../../messages/help.message.js";
import { reassignedReply } from "../../messages/reassignment.messages.js";
import type { Services } from "../../services.js";
import { addMilestoneModal } from "../../views/milestone-modal.view.js";
import { replySafely } from "../reply-safely.js";
import { failuresSubcommand } from "./admin.subcommand.js";
import { adminsSubcommand } from "./admins.subcommand.js";
import { availabilitySubcommand } from "./availability.subcommand.js";
import { blockSubcommand } from "./block.subcommand.js";
import { celebrateSubcommand } from "./celebrate.subcommand.js";
import { channelsSubcommand } from "./channels.subcommand.js";
import { checkinSubcommand } from "./checkin.subcommand.js";
import { endSubcommand } from "./end.subcommand.js";
import { exportSubcommand, myDataSubcommand } from "./export.subcommand.js";
import { feedbackSubcommand } from "./feedback.subcommand.js";
import { introSubcommand } from "./intro.subcommand.js";
import { pairSubcommand } from "./pair.subcommand.js";
import { programSubcommand } from "./program.subcommand.js";
import { roadmapSubcommand } from "./roadmap.subcommands.js";
import { templatesSubcommand } from "./templates.subcommand.js";

/**
 * `/mentor <subcommand> …` and its alias `/progress <n> <note>`. Every reply
 * is ephemeral, seen only by who typed it.
 */
export function registerMentorCommands(app: App, services: Services, logger: Logger): void {
  const commands = { "/mentor": parseMentorCommand, "/progress": parseProgressCommand };
  for (const [name, parse] of Object.entries(commands)) {
    app.command(name, async ({ command, ack, respond, client }) => {
      const timed = services.commandTimer();
      await ack();
      const actorId = command.user_id;
      const openModal = async (view: View) => {
        await client.views.open({ trigger_id: command.trigger_id, view });
      };
      const parsed = parse(command.text ?? "");
      try {
        const reply = await replySafely(logger, { command: name, user: actorId }, () =>
          route({ services, actorId, openModal }, parsed),
        );
        if (reply) await respond({ response_type: "ephemeral", ...reply });
      } finally {
        timed(parsed.kind);
      }
    });
  }
}

/** What a subcommand may use: the services, who typed it, and a modal opener (the command's trigger_id). */
export interface SubcommandContext {
  services: Services;
  actorId: string;
  openModal(view: View): Promise<void>;
}

async function route(ctx: SubcommandContext, parsed: MentorCommand): Promise<SlackMessage | null> {
  const { services, actorId, openModal } = ctx;
  const openAddMilestoneModal = (relationshipId: string) =>
    openModal(addMilestoneModal(relationshipId));
  switch (parsed.kind) {
    case "help": {
      const isAdmin = await services.admin.isAdmin(actorId);
      return { text: helpText({ isAdmin }), blocks: helpBlocks(undefined, { isAdmin }) };
    }
    case "unknown": {
      const intro = `I don't know the command \`${parsed.word}\`.`;
      const isAdmin = await services.admin.isAdmin(actorId);
      return {
        text: `${intro}\n${helpText({ isAdmin })}`,
        blocks: helpBlocks(intro, { isAdmin }),
      };
    }
    case "usage":
      return { text: `${parsed.problem} For example: \`${parsed.example}\`` };
    case "pair":
      return pairSubcommand(services, actorId, parsed.mentorId, parsed.menteeId);
    case "failures":
      return failuresSubcommand(services, actorId);
    case "channels.list":
    case "channels.allow":
    case "channels.remove":
      return channelsSubcommand(services, actorId, parsed);
    case "block":
    case "unblock":
      return blockSubcommand(services, actorId, parsed);
    case "admins.list":
    case "admins.add":
    case "admins.remove":
      return adminsSubcommand(services, actorId, parsed);
    case "program":
      return programSubcommand(services, actorId, parsed.page);
    case "end":
      return endSubcommand(services, actorId, parsed);
    case "forget": {
      const targetId = parsed.target === "me" ? actorId : parsed.target;
      const { mentorships } = await services.forgetting.prepare(actorId, targetId);
      return confirmForgetMessage(actorId, targetId, mentorships);
    }
    case "reassign": {
      await services.reassignments.reassign(actorId, parsed.menteeId, parsed.mentorId);
      return reassignedReply(parsed);
    }
    case "export":
      return exportSubcommand(services, actorId);
    case "my_data":
      return myDataSubcommand(services, actorId);
    case "feedback.request":
    case "feedback.list":
    case "feedback.cancel":
    case "feedback.give":
      return feedbackSubcommand({ services, actorId, openModal }, parsed);
    case "celebrate.show":
    case "celebrate.channel":
    case "celebrate.mode":
    case "celebrate.aspiration":
      return celebrateSubcommand(services, actorId, parsed);
    case "intro":
    case "intro.request":
      return introSubcommand(services, actorId, parsed);
    case "roadmap.templates":
    case "milestone.template":
      return templatesSubcommand(services, actorId, parsed);
    case "hours.show":
    case "hours.set":
    case "away":
    case "back":
      return availabilitySubcommand(services, actorId, parsed);
    case "checkin.show":
    case "checkin.every":
    case "checkin.pause":
    case "checkin.resume":
    case "checkin.skip":
    case "checkin.now":
      return checkinSubcommand(services, actorId, parsed);
    default:
      return roadmapSubcommand({ services, actorId, openAddMilestoneModal }, parsed);
  }
}
