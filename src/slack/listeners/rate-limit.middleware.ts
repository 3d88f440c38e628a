import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "../../logger.js";
import { SLOW_DOWN_MESSAGE } from "../messages/rate-limit.messages.js";
import type { Services } from "../services.js";
import { failOpen } from "./fail-open.js";

/**
 * Who typed the command, clicked the button or wrote to the bot in its Messages tab (each of
 * which the bot answers); undefined for anything else (other events, forms).
 */
function personActing(body: unknown): string | undefined {
  const b = body as {
    command?: unknown;
    user_id?: unknown;
    type?: unknown;
    user?: { id?: unknown };
    event?: { type?: unknown; channel_type?: unknown; subtype?: unknown; user?: unknown };
  };
  if (typeof b.command === "string" && typeof b.user_id === "string") return b.user_id;
  if (b.type === "block_actions" && typeof b.user?.id === "string") return b.user.id;
  const event = b.type === "event_callback" ? b.event : undefined;
  if (event?.type === "message" && event.channel_type === "im" && event.subtype === undefined) {
    return typeof event.user === "string" ? event.user : undefined;
  }
  return undefined;
}

/**
 * COMMANDS_PER_MINUTE per person, over commands, button clicks and messages to the bot: past
 * it, the request is acknowledged, answered with a friendly "slow down" and not handled (a
 * message past it gets no answer at all: each answer is a post, and posts share Slack's limit
 * with every check-in). Forms are not counted: only a command or a click opens one. While Redis
 * fails, nobody is limited.
 */
export function perPersonRateLimit(
  limiter: Services["rateLimit"],
  logger: Logger,
): Middleware<AnyMiddlewareArgs> {
  const allowIfRedisFails = failOpen("the rate limit", logger);
  return async (args) => {
    const userId = personActing(args.body);
    if (!userId || (await allowIfRedisFails(() => limiter.allow(userId)))) {
      await args.next();
      return;
    }
    logger.info({ user: userId }, "rate limit: request refused");
    const slowDown = { response_type: "ephemeral", text: SLOW_DOWN_MESSAGE } as const;
    if ("command" in args) {
      // A command's ack body is shown as its reply: no response_url round trip.
      await args.ack(slowDown);
      return;
    }
    if ("ack" in args && typeof args.ack === "function") await args.ack();
    if ("respond" in args && typeof args.respond === "function") {
      await args
        .respond({ ...slowDown, replace_original: false })
        .catch((err: unknown) => logger.warn({ err }, "could not send the slow-down reply"));
    }
  };
}
