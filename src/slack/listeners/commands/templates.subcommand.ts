import { findTemplate, ROADMAP_TEMPLATES } from "../../../domain/roadmap-templates.js";
import type { MentorCommand } from "../../commands/mentor-command.parser.js";
import type { SlackMessage } from "../../direct-messenger.js";
import { templateAppliedReply, templatesMessage } from "../../messages/template.messages.js";
import type { Services } from "../../services.js";

type TemplateCommand = Extract<MentorCommand, { kind: "roadmap.templates" | "milestone.template" }>;

/** `/mentor roadmap templates` and `/mentor milestone add template <id>`. */
export async function templatesSubcommand(
  services: Services,
  actorId: string,
  command: TemplateCommand,
): Promise<SlackMessage> {
  if (command.kind === "roadmap.templates") return templatesMessage(ROADMAP_TEMPLATES);
  const target = command.otherId ? { otherId: command.otherId } : {};
  const roadmap = await services.roadmap.addFromTemplate(actorId, target, command.template);
  return { text: templateAppliedReply(findTemplate(command.template), roadmap) };
}
