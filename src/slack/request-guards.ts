import type { RequestListener } from "node:http";
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "../logger.js";

/** Slack's payloads are a few tens of kilobytes; a bigger body is not Slack (Bolt answers 413). */
export const SLACK_BODY_LIMIT_BYTES = 1024 * 1024;

/** Slack's replay window. Bolt refuses timestamps older than this; the future needs the same. */
const MAX_SKEW_SECONDS = 5 * 60;

/**
 * Wraps the HTTP receiver's listener: a request stamped more than five
 * minutes ahead gets 401 before Bolt reads it, so a captured signature
 * cannot be kept for later replay by forging a future timestamp.
 * `now` is wall-clock time, the time Slack signs with and Bolt checks against.
 */
export function refusingFutureTimestamps(
  listener: RequestListener,
  now: () => Date,
): RequestListener {
  return (req, res) => {
    const header = req.headers["x-slack-request-timestamp"];
    const stamped = typeof header === "string" ? Number(header) : Number.NaN;
    if (stamped > now().getTime() / 1000 + MAX_SKEW_SECONDS) {
      req.resume();
      res.writeHead(401);
      res.end();
      return;
    }
    listener(req, res);
  };
}

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
