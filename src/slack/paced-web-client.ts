import { randomUUID } from "node:crypto";
import { WebClient, type WebClientOptions } from "@slack/web-api";
import { retryAfterMs } from "./slack-errors.js";
import { type MethodPace, SLACK_METHOD_PACES } from "./slack-rate-tiers.js";

/** What PacedWebClient needs of the shared Retry-After store and token buckets. */
export interface SlackMethodGate {
  waitMs(key: string): Promise<number>;
  hold(key: string, ms: number): Promise<void>;
  /** 0 when a turn at `method` was taken, else the ms until one may be (or its hold ends). */
  take(method: string, pace: MethodPace): Promise<number>;
  /** A turn for post `postId` in `channel` under the workspace pace learnt from 429s (0: go). */
  takePost(channel: string, postId: string): Promise<number>;
  /** After a 429 for that post: learns the workspace's ceiling, unless the channel explains it. */
  learnPostCeiling(channel: string, postId: string): Promise<number>;
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

function channelOf(options: unknown): string | null {
  const channel = (options as { channel?: unknown } | undefined)?.channel;
  return typeof channel === "string" ? channel : null;
}

function gateKey(method: string, options: unknown): string {
  const channel = channelOf(options);
  return PER_CHANNEL.has(method) && channel ? `${method}:${channel}` : method;
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
    const post = method === "chat.postMessage" ? channelOf(options) : null;
    // Each call is a post of its own to Slack: counted, or when refused learnt from, by its id.
    const postId = post ? randomUUID() : "";
    if (post) await this.waitFor(method, () => this.gate.takePost(post, postId));
    try {
      return await super.apiCall(method, options);
    } catch (error) {
      const retryAfter = retryAfterMs(error);
      if (retryAfter === null) throw error;
      await this.gate.hold(key, retryAfter);
      // Only this channel is held; if the workspace's ceiling said 429, every post is paced
      // at it from now on, rather than each channel learning it from a 429 of its own.
      if (post) await this.gate.learnPostCeiling(post, postId);
      throw new SlackMethodBusyError(key, retryAfter);
    }
  }

  /** Sleeps through short waits for a turn; a longer one delays the job instead. */
  private async waitFor(key: string, take: () => Promise<number>): Promise<void> {
    for (;;) {
      const wait = await take();
      if (wait === 0) return;
      if (wait > MAX_INLINE_WAIT_MS) throw new SlackMethodBusyError(key, wait);
      await sleep(wait);
    }
  }

  /**
   * A method with a known pace waits for a turn in its shared bucket, so all replicas
   * together keep under Slack's limit instead of learning it from 429s.
   */
  private async takeTurn(method: string): Promise<void> {
    const pace = this.paces[method];
    if (pace) await this.waitFor(method, () => this.gate.take(method, pace));
  }
}
