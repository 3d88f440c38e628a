import { WebClient, type WebClientOptions } from "@slack/web-api";
import { retryAfterMs } from "./slack-errors.js";
import { type MethodPace, SLACK_METHOD_PACES } from "./slack-rate-tiers.js";

/** What PacedWebClient needs of the shared Retry-After store and token buckets. */
export interface SlackMethodGate {
  waitMs(key: string): Promise<number>;
  hold(key: string, ms: number): Promise<void>;
  /** 0 when a turn at `method` was taken, else the ms until one may be (or its hold ends). */
  take(method: string, pace: MethodPace): Promise<number>;
}

/** A wait for a paced turn this short is slept through; a longer one delays the job instead. */
const MAX_INLINE_WAIT_MS = 5_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A Slack call that must wait: the job that made it is delayed by `waitMs`, not failed. */
export class SlackMethodBusyError extends Error {
  constructor(
    readonly key: string,
    readonly waitMs: number,
  ) {
    super(`Slack asked to wait ${waitMs} ms before calling ${key} again`);
    this.name = "SlackMethodBusyError";
  }
}

/** chat.postMessage and chat.update are limited per channel by Slack; other methods per workspace. */
const PER_CHANNEL = new Set(["chat.postMessage", "chat.update"]);

function gateKey(method: string, options: unknown): string {
  const channel = (options as { channel?: unknown } | undefined)?.channel;
  return PER_CHANNEL.has(method) && typeof channel === "string" ? `${method}:${channel}` : method;
}

/**
 * The workers' WebClient. A 429 holds only the method (for chat.postMessage,
 * the method in that channel) that got it, for Retry-After, across replicas;
 * a call under a held key fails fast with SlackMethodBusyError, so its job
 * waits while messages to everyone else keep flowing. Methods of a known tier
 * are paced beforehand by a token bucket all replicas share.
 */
export class PacedWebClient extends WebClient {
  constructor(
    token: string,
    options: WebClientOptions,
    private readonly gate: SlackMethodGate,
    private readonly paces: Readonly<Record<string, MethodPace>> = SLACK_METHOD_PACES,
  ) {
    super(token, options);
  }

  override async apiCall(method: string, options?: Record<string, unknown>) {
    const key = gateKey(method, options);
    const wait = await this.gate.waitMs(key);
    if (wait > 0) throw new SlackMethodBusyError(key, wait);
    await this.takeTurn(method);
    try {
      return await super.apiCall(method, options);
    } catch (error) {
      const retryAfter = retryAfterMs(error);
      if (retryAfter === null) throw error;
      await this.gate.hold(key, retryAfter);
      throw new SlackMethodBusyError(key, retryAfter);
    }
  }

  /**
   * A method with a known pace waits for a turn in its shared bucket, so all replicas
   * together keep under Slack's limit instead of learning it from 429s.
   */
  private async takeTurn(method: string): Promise<void> {
    const pace = this.paces[method];
    if (!pace) return;
    for (;;) {
      const wait = await this.gate.take(method, pace);
      if (wait === 0) return;
      if (wait > MAX_INLINE_WAIT_MS) throw new SlackMethodBusyError(method, wait);
      await sleep(wait);
    }
  }
}
