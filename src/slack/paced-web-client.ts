import { WebClient, type WebClientOptions } from "@slack/web-api";
import { retryAfterMs } from "./slack-errors.js";

/** What PacedWebClient needs of the shared Retry-After store. */
export interface SlackMethodGate {
  waitMs(key: string): Promise<number>;
  hold(key: string, ms: number): Promise<void>;
}

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
 * waits while messages to everyone else keep flowing.
 */
export class PacedWebClient extends WebClient {
  constructor(
    token: string,
    options: WebClientOptions,
    private readonly gate: SlackMethodGate,
  ) {
    super(token, options);
  }

  override async apiCall(method: string, options?: Record<string, unknown>) {
    const key = gateKey(method, options);
    const wait = await this.gate.waitMs(key);
    if (wait > 0) throw new SlackMethodBusyError(key, wait);
    try {
      return await super.apiCall(method, options);
    } catch (error) {
      const retryAfter = retryAfterMs(error);
      if (retryAfter === null) throw error;
      await this.gate.hold(key, retryAfter);
      throw new SlackMethodBusyError(key, retryAfter);
    }
  }
}
