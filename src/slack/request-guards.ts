import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "../logger.js";

/** Slack's payloads are a few tens of kilobytes; a bigger body is not Slack (413, request-signature.ts). */
export const SLACK_BODY_LIMIT_BYTES = 1024 * 1024;

/** The workspace a payload comes from, wherever its kind keeps it. */
function teamOf(body: unknown): string | undefined {
  const b = body as {
    team_id?: unknown;
    team?: { id?: unknown } | null;
    user?: { team_id?: unknown } | null;
  };
  const team = b.team_id ?? b.team?.id ?? b.user?.team_id;
  return typeof team === "string" ? team : undefined;
}

/**
 * With SLACK_TEAM_ID set, a payload from any other workspace (over HTTP or
 * Socket Mode) is acknowledged, so Slack does not retry it, and dropped.
 */
export function onlyWorkspace(
  teamId: string | undefined,
  logger: Logger,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const team = teamOf(args.body);
    if (teamId === undefined || team === teamId) {
      await args.next();
      return;
    }
    logger.warn({ team: team ?? null }, "payload from another workspace refused");
    if ("ack" in args && typeof args.ack === "function") await args.ack();
  };
}
