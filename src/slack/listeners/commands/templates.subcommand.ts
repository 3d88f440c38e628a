import { findTemplate, ROADMAP_TEMPLATES } from "../../../domain/roadmap-templates.js";
import type { CommandOf } from "../../commands/parsed-command.js";
import { templateAppliedReply, templatesMessage } from "../../messages/template.messages.js";
import type { SlackMessage } from "../../slack-message.js";
import type { SubcommandContext } from "./subcommand.js";

type TemplateCommand = CommandOf<"roadmap.templates" | "milestone.template">;

/** `/mentor roadmap templates` and `/mentor milestone add template <id>`. */
export async function templatesSubcommand(
  { services, actorId }: SubcommandContext,
  command: TemplateCommand,
): Promise<SlackMessage> {
  if (command.kind === "roadmap.templates") return templatesMessage(ROADMAP_TEMPLATES);
  const target = command.otherId ? { otherId: command.otherId } : {};
  const roadmap = await services.roadmap.addFromTemplate(actorId, target, command.template);
  return { text: templateAppliedReply(findTemplate(command.template), roadmap) };
}
