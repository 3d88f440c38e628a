import type { ExportFile, ExportKind } from "../../domain/export.js";
import type { SlackMessage } from "../slack-message.js";

/** "I'll DM you the files": the command's reply, before the export job runs. */
export function exportQueuedMessage(kind: ExportKind): SlackMessage {
  return {
    text:
      kind === "program"
        ? "Exporting the program: I'll DM you pairs.csv, milestones.csv and checkins.csv in a moment."
        : "Gathering everything I store about you: I'll DM you a JSON file in a moment.",
  };
}

/** The comment that comes with the shared files. */
export function filesSharedComment(kind: ExportKind, files: readonly ExportFile[]): string {
  if (kind === "my_data") {
    return "Here is everything I store about you, as JSON: your profile, mentorships, roadmaps, check-in answers, feedback, introductions and the audit entries about you.";
  }
  const counts = files.map((f) => `${f.filename} (${f.rows} ${f.rows === 1 ? "row" : "rows"})`);
  return `Here is the program export: ${counts.join(", ")}.`;
}

/** Slack refused the upload: what happened, and that nothing was shared. */
export function uploadRefusedMessage(kind: ExportKind, code: string): SlackMessage {
  const what = kind === "program" ? "the program export" : "your data";
  const hint =
    code === "missing_scope" || code === "not_allowed_token_type"
      ? " The app needs the `files:write` permission: ask whoever installed it to reinstall it from its manifest."
      : " Please try again later, or ask whoever runs the app to look at its logs.";
  return {
    text: `Sorry, Slack refused to upload ${what} (it said \`${code}\`), so nothing was shared.${hint}`,
  };
}
