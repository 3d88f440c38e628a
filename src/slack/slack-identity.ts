import type { WebClient } from "@slack/web-api";
import type { Logger } from "../logger.js";

/** Who the bot is in Slack, as `auth.test` says; Bolt needs it to authorize every request. */
export interface BotAuthorization {
  botToken: string;
  botId: string;
  botUserId: string;
}

export interface RetryDelays {
  /** Wait before the second attempt; doubled after each failure. */
  firstMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY_DELAYS: RetryDelays = { firstMs: 1_000, maxMs: 60_000 };

/**
 * Asks Slack who the bot is (`auth.test`) in the background, retrying with backoff while
 * Slack cannot be reached, so a start-up during a Slack or network outage neither crashes
 * nor leaves a rejected promise behind: the process serves `/readyz` (503 until `known`) and
 * picks up as soon as Slack answers. Bolt asks `authorize()` instead of calling auth.test itself.
 */
export class SlackIdentity {
  private identity: BotAuthorization | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

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
   * Starts asking; resolves after the first answer or failure and never rejects. Failures are
   * logged once, then retried quietly in the background.
   */
  start(): Promise<void> {
    return this.attempt(0);
  }

  /** For Bolt: the identity, asking Slack now if it has not answered yet (throws if it fails). */
  async authorize(): Promise<BotAuthorization> {
    return this.identity ?? (await this.ask());
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async attempt(failures: number): Promise<void> {
    if (this.stopped || this.identity) return;
    try {
      await this.ask();
      if (failures > 0) this.logger.info({ failures }, "Slack answered auth.test; ready");
    } catch (err) {
      const retryInMs = Math.min(this.delays.firstMs * 2 ** failures, this.delays.maxMs);
      const detail = { retryInMs, error: describe(err) };
      if (failures === 0) {
        this.logger.warn(detail, "Slack is unreachable (auth.test failed); retrying with backoff");
      } else this.logger.debug(detail, "auth.test failed again");
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.attempt(failures + 1), retryInMs);
      this.timer.unref();
    }
  }

  private async ask(): Promise<BotAuthorization> {
    const result = await this.client.auth.test({ token: this.botToken });
    if (!result.bot_id || !result.user_id) throw new Error("auth.test named no bot");
    this.identity = { botToken: this.botToken, botId: result.bot_id, botUserId: result.user_id };
    return this.identity;
  }
}

/** The error's code or message only: a WebClient error can carry the request, token included. */
function describe(err: unknown): string {
  const e = err as { code?: string; message?: string } | null;
  return [e?.code, e?.message].filter(Boolean).join(": ") || String(err);
}
