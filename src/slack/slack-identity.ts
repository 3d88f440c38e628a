import type { WebClient } from "@slack/web-api";
import type { Logger } from "../logger.js";
import {
  DEFAULT_RETRY_DELAYS,
  describeError,
  type KeepTrying,
  keepTrying,
  type RetryDelays,
} from "./keep-trying.js";
import { type SlackTokenRefusedError, tokenRefusal } from "./token-refusals.js";

export type { RetryDelays } from "./keep-trying.js";

/** Who the bot is in Slack, as `auth.test` says; Bolt needs it to authorize every request. */
export interface BotAuthorization {
  botToken: string;
  botId: string;
  botUserId: string;
}

/**
 * Asks Slack who the bot is (`auth.test`) in the background, retrying with backoff while
 * Slack cannot be reached, so a start-up during a Slack or network outage neither crashes
 * nor leaves a rejected promise behind: the process serves `/readyz` (503 until `known`) and
 * picks up as soon as Slack answers. Bolt asks `authorize()` instead of calling auth.test itself.
 */
export class SlackIdentity {
  private identity: BotAuthorization | undefined;
  private tries: KeepTrying | undefined;

  constructor(
    private readonly client: WebClient,
    private readonly botToken: string,
    private readonly logger: Logger,
    private readonly delays: RetryDelays = DEFAULT_RETRY_DELAYS,
  ) {}

  /** True once Slack has answered auth.test. */
  get known(): boolean {
    return this.identity !== undefined;
  }

  /**
   * Starts asking; resolves after the first answer or failure. Failures are logged once, then
   * retried quietly in the background. Rejects with SlackTokenRefusedError if Slack refuses the
   * token at once; refused on a later try, it is logged as an error and not asked again.
   */
  async start(): Promise<void> {
    let failed = false;
    let refused: SlackTokenRefusedError | undefined;
    this.tries = keepTrying(
      async () => {
        await this.ask();
        if (failed) this.logger.info("Slack answered auth.test; ready");
      },
      this.delays,
      (err, failures, retryInMs) => {
        failed = true;
        refused = tokenRefusal("SLACK_BOT_TOKEN", err);
        if (refused) {
          this.tries?.stop();
          this.logger.error({ error: refused.code }, refused.message);
          return;
        }
        const detail = { retryInMs, error: describeError(err) };
        if (failures === 1) {
          this.logger.warn(
            detail,
            "Slack is unreachable (auth.test failed); retrying with backoff",
          );
        } else this.logger.debug({ ...detail, failures }, "auth.test failed again");
      },
    );
    await this.tries.firstTry;
    if (refused) throw refused;
  }

  /** For Bolt: the identity, asking Slack now if it has not answered yet (throws if it fails). */
  async authorize(): Promise<BotAuthorization> {
    return this.identity ?? (await this.ask());
  }

  stop(): void {
    this.tries?.stop();
  }

  private async ask(): Promise<BotAuthorization> {
    const result = await this.client.auth.test({ token: this.botToken });
    if (!result.bot_id || !result.user_id) throw new Error("auth.test named no bot");
    this.identity = { botToken: this.botToken, botId: result.bot_id, botUserId: result.user_id };
    return this.identity;
  }
}
