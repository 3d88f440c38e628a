import { WebClient, type WebClientOptions } from "@slack/web-api";

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

/** Slack's 429 as the WebClient reports it (with `rejectRateLimitedCalls`), in milliseconds. */
export function retryAfterMs(error: unknown): number | null {
  const e = error as { code?: string; retryAfter?: number } | null;
  return e?.code === "slack_webapi_rate_limited_error"
    ? Math.max(1, e.retryAfter ?? 1) * 1000
    : null;
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
