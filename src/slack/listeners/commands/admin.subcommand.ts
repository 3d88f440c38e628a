import type { SlackMessage } from "../../direct-messenger.js";
import { slackDate } from "../../messages/slack-date.js";
import type { Services } from "../../services.js";

/** `/mentor failures`: work that failed for good, for program admins. */
export async function failuresSubcommand(
  services: Services,
  actorId: string,
): Promise<SlackMessage> {
  const failures = await services.admin.recentFailures(actorId);
  if (failures.length === 0) return { text: "No failed work. Every message went out." };
  const lines = failures.map(
    (f) =>
      `• ${slackDate(f.failedAt)}: \`${f.name}\` after ${f.attempts} attempt(s): ${f.reason.slice(0, 200)}`,
  );
  return { text: `*Work that failed for good* (newest first):\n${lines.join("\n")}` };
}
