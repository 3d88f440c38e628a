/**
 * Slack's documented pace for the Web API methods the workers call often, per workspace
 * (https://docs.slack.dev/apis/web-api/rate-limits: Tier 2 20+, Tier 3 50+, Tier 4 100+ a
 * minute, short bursts tolerated). chat.postMessage has no published workspace figure, only
 * about one a second per channel (RedisChannelPacer); its workspace ceiling is learnt from 429s.
 */
export interface MethodPace {
  perMinute: number;
  /** Calls that may go at once after a quiet spell. */
  burst: number;
}

const TIER_2: MethodPace = { perMinute: 20, burst: 3 };
const TIER_3: MethodPace = { perMinute: 50, burst: 5 };
const TIER_4: MethodPace = { perMinute: 100, burst: 10 };

export const SLACK_METHOD_PACES: Readonly<Record<string, MethodPace>> = {
  "users.list": TIER_2,
  "conversations.open": TIER_3,
  "conversations.history": TIER_3,
  "users.info": TIER_4,
  "views.publish": TIER_4,
};
