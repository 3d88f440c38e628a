/**
 * Slack's documented rate limits, for the Slack double's tier mode
 * (https://docs.slack.dev/apis/web-api/rate-limits, vendored numbers): per method and
 * workspace, Tier 2 about 20 a minute, Tier 3 about 50, Tier 4 about 100; chat.postMessage
 * about one a second per channel ("short bursts >1 allowed") under a workspace-wide ceiling
 * Slack does not publish, so a caller chooses it (a rolling second, so it acts as a steady rate). A call over a limit is answered
 * HTTP 429 with Retry-After (whole seconds) and is not counted.
 */
export interface TierLimitOptions {
  /** Calls a rolling minute, by method; methods not named here are not limited. */
  perMinute?: Readonly<Record<string, number>>;
  /** chat.postMessage in one channel: at most this many in a rolling `channelWindowMs`. */
  postsPerChannel?: number;
  channelWindowMs?: number;
  /** chat.postMessage across the workspace, a rolling second; unset: no ceiling. */
  postsPerSecond?: number;
}

export const SLACK_TIER_PER_MINUTE: Readonly<Record<string, number>> = {
  "users.list": 20, // Tier 2
  "conversations.open": 50, // Tier 3
  "conversations.history": 50, // Tier 3
  "users.info": 100, // Tier 4
  "views.publish": 100, // Tier 4
};

const MINUTE_MS = 60_000;

export class SlackTierLimits {
  private readonly accepted = new Map<string, number[]>();
  private readonly perMinute: Readonly<Record<string, number>>;
  private readonly postsPerChannel: number;
  private readonly channelWindowMs: number;
  private readonly postsPerSecond: number | undefined;

  constructor(options: TierLimitOptions = {}) {
    this.perMinute = options.perMinute ?? SLACK_TIER_PER_MINUTE;
    // About one a second per channel, with the short burst Slack tolerates.
    this.postsPerChannel = options.postsPerChannel ?? 2;
    this.channelWindowMs = options.channelWindowMs ?? 2_000;
    this.postsPerSecond = options.postsPerSecond;
  }

  /** Seconds to wait when this call is over a limit (nothing counted); null when it may go. */
  refuse(method: string, params: Record<string, unknown>, now: number): number | null {
    const windows: Array<{ key: string; limit: number; ms: number }> = [];
    const tier = this.perMinute[method];
    if (tier !== undefined) windows.push({ key: method, limit: tier, ms: MINUTE_MS });
    if (method === "chat.postMessage") {
      const channel = String(params.channel ?? "");
      windows.push({
        key: `post:${channel}`,
        limit: this.postsPerChannel,
        ms: this.channelWindowMs,
      });
      if (this.postsPerSecond !== undefined) {
        windows.push({ key: "post:*", limit: this.postsPerSecond, ms: 1_000 });
      }
    }
    let waitMs = 0;
    for (const { key, limit, ms } of windows) {
      const times = this.recent(key, now, ms);
      if (times.length >= limit) waitMs = Math.max(waitMs, (times[0] as number) + ms - now);
    }
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    for (const { key } of windows) this.accepted.get(key)?.push(now);
    return null;
  }

  private recent(key: string, now: number, ms: number): number[] {
    const times = (this.accepted.get(key) ?? []).filter((t) => t > now - ms);
    this.accepted.set(key, times);
    return times;
  }
}
