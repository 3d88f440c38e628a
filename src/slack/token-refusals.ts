import { slackErrorCode } from "./slack-errors.js";

/** Slack's answers that mean the token itself is no good: retrying cannot change them. */
const BOT_TOKEN_REFUSALS: ReadonlySet<string> = new Set([
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "account_inactive",
]);

/**
 * apps.connections.open's too: the Socket Mode library gives up on these itself
 * (its UnrecoverableSocketModeStartError), so retrying would only loop on them.
 */
const APP_TOKEN_REFUSALS: ReadonlySet<string> = new Set([
  ...BOT_TOKEN_REFUSALS,
  "user_removed_from_team",
  "team_disabled",
]);

export type TokenVariable = "SLACK_BOT_TOKEN" | "SLACK_APP_TOKEN";

/** A token Slack refused: the process cannot serve, whatever it waits for. */
export class SlackTokenRefusedError extends Error {
  constructor(
    readonly variable: TokenVariable,
    readonly code: string,
  ) {
    super(`${variable} was refused by Slack: ${code}`);
    this.name = "SlackTokenRefusedError";
  }
}

/** The refusal `error` is, if Slack refused the token in `variable`; undefined otherwise. */
export function tokenRefusal(
  variable: TokenVariable,
  error: unknown,
): SlackTokenRefusedError | undefined {
  const code = slackErrorCode(error);
  const refusals = variable === "SLACK_APP_TOKEN" ? APP_TOKEN_REFUSALS : BOT_TOKEN_REFUSALS;
  return code && refusals.has(code) ? new SlackTokenRefusedError(variable, code) : undefined;
}
