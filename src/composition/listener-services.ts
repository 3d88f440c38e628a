import { RedisCommandRateLimiter } from "../cache/command-rate-limiter.js";
import { SlackEventDeduper } from "../cache/slack-event-deduper.js";
import type { Services } from "../slack/services.js";
import type { Domain } from "./services.js";
import type { Shared } from "./shared.js";

/** What the Slack listeners call. */
export function listenerServices(
  { config, redis, clock, metrics, dmChannels }: Shared,
  domain: Domain,
): Services {
  return {
    commandTimer: () => {
      const timer = metrics.commandSeconds.startTimer();
      return (subcommand) => void timer({ subcommand });
    },
    events: new SlackEventDeduper(redis, config.queuePrefix),
    dmChannels,
    roadmap: domain.roadmap,
    milestoneProgress: domain.milestoneProgress,
    checkins: domain.checkins,
    checkinSchedules: domain.checkinSchedules,
    feedback: domain.feedback,
    celebrations: domain.celebrations,
    celebrationSettings: domain.celebrationSettings,
    congratulations: domain.congratulations,
    introductions: domain.introductions,
    availability: domain.availability,
    kickoffs: domain.kickoffs,
    kickoffRoadmap: domain.kickoffRoadmap,
    exchanges: domain.exchanges,
    program: domain.program,
    ending: domain.ending,
    reassignments: domain.reassignments,
    exports: domain.programExport,
    forgetting: domain.forgetting,
    people: domain.directory,
    myData: domain.myData,
    admin: domain.admin,
    pairing: domain.pairing,
    blocks: domain.blocks,
    celebrationChannels: domain.celebrationChannels,
    rateLimit: new RedisCommandRateLimiter(
      redis,
      config.queuePrefix,
      config.commandsPerMinute,
      clock,
    ),
  };
}
