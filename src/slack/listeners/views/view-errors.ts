import { isDomainError } from "../../../domain/errors.js";
import type { Logger } from "../../../logger.js";
import { errorMessage, UNEXPECTED_ERROR_MESSAGE } from "../../messages/error-messages.js";

/**
 * Turns a failed submission into `response_action: errors`, shown on the
 * field at fault (or on `fallbackBlock`), never as an error in the logs.
 */
export function viewErrors(
  error: unknown,
  fallbackBlock: string,
  knownBlocks: readonly string[],
  logger: Logger,
): { response_action: "errors"; errors: Record<string, string> } {
  if (isDomainError(error)) {
    const field = error.details.field;
    const block = field && knownBlocks.includes(field) ? field : fallbackBlock;
    return { response_action: "errors", errors: { [block]: plain(errorMessage(error)) } };
  }
  logger.error({ err: error }, "view submission failed");
  return { response_action: "errors", errors: { [fallbackBlock]: UNEXPECTED_ERROR_MESSAGE } };
}

/** Field errors drop mrkdwn backticks; a mention stays `<@U…>`, never a bare `@U123ABC` id. */
function plain(text: string): string {
  return text.replace(/`/g, "");
}
