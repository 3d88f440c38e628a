import { type DomainError, isDomainError } from "../../domain/errors.js";
import type { Logger } from "../../logger.js";
import { errorMessage, UNEXPECTED_ERROR_MESSAGE } from "../messages/error-messages.js";
import type { SlackMessage } from "../slack-message.js";

/**
 * Runs a listener's work and always produces a reply: the work's own, the
 * refusal's words for a DomainError, or a generic apology for anything else
 * (logged with details; the user never sees internals).
 */
export async function replySafely<T extends SlackMessage | null>(
  logger: Logger,
  context: Record<string, unknown>,
  work: () => Promise<T>,
  /** The program admins, for a refusal that tells the reader to ask one (read only then). */
  admins?: () => Promise<readonly string[]>,
): Promise<T | SlackMessage> {
  try {
    return await work();
  } catch (error) {
    if (isDomainError(error)) return { text: errorMessage(error, await namesFor(error, admins)) };
    logger.error({ ...context, err: error }, "listener failed");
    return { text: UNEXPECTED_ERROR_MESSAGE };
  }
}

/** Only "no roadmap found" names the admins; without them it still says to ask one. */
async function namesFor(
  error: DomainError,
  admins: (() => Promise<readonly string[]>) | undefined,
): Promise<readonly string[] | undefined> {
  if (!admins || error.code !== "no_roadmap_found") return undefined;
  return admins().catch(() => undefined);
}
