import { formatCalendarDate } from "../../domain/calendar-date.js";
import type { Roadmap } from "../../domain/roadmap.js";
import type { RoadmapTemplate } from "../../domain/roadmap-templates.js";
import type { SlackMessage } from "../slack-message.js";
import { section } from "./blocks.js";

/** `/mentor roadmap templates`: each template with its milestones. */
export function templatesMessage(templates: readonly RoadmapTemplate[]): SlackMessage {
  const describe = (t: RoadmapTemplate) =>
    [
      `*${t.name}* (\`${t.id}\`): ${t.description}`,
      ...t.milestones.map((m) => `• ${m.title} (in ${m.dueInWeeks} weeks)`),
    ].join("\n");
  const outro =
    "Add one to your roadmap with `/mentor milestone add template <id>`, for example `/mentor milestone add template public-speaking`. Edit or remove any milestone afterwards.";
  return {
    text: ["Roadmap templates:", ...templates.map(describe), outro].join("\n\n"),
    blocks: [
      section("*Roadmap templates*"),
      ...templates.map((t) => section(describe(t))),
      section(outro),
    ],
  };
}

/** After `/mentor milestone add template <id>`. */
export function templateAppliedReply(template: RoadmapTemplate, roadmap: Roadmap): string {
  const first = roadmap.milestones.length - template.milestones.length;
  const added = roadmap.milestones.slice(first);
  return [
    `Added ${added.length} milestones from *${template.name}*:`,
    ...added.map(
      (m, i) =>
        `${first + i + 1}. ${m.title}${m.dueDate ? ` (due ${formatCalendarDate(m.dueDate)})` : ""}`,
    ),
    "Change any of them with `/mentor milestone edit <n> …`; `/mentor roadmap` shows the whole roadmap.",
  ].join("\n");
}
