import { CelebrationService } from "../domain/celebration.service.js";
import { CelebrationChannels } from "../domain/celebration-channels.js";
import { CelebrationSettingsService } from "../domain/celebration-settings.service.js";
import { CheckinService } from "../domain/checkin.service.js";
import { CheckinScheduleService } from "../domain/checkin-schedule.service.js";
import { CheckinScheduler } from "../domain/checkin-scheduler.js";
import { CongratulationService } from "../domain/congratulation.service.js";
import { ExchangeService } from "../domain/exchange.service.js";
import { FeedbackService } from "../domain/feedback.service.js";
import { IntroductionService } from "../domain/introduction.service.js";
import { KickoffScheduleService } from "../domain/kickoff.service.js";
import { KickoffRoadmapService } from "../domain/kickoff-roadmap.service.js";
import { MilestoneProgressService } from "../domain/milestone-progress.service.js";
import { OwedReflections } from "../domain/owed-reflections.js";
import { ReassignmentService } from "../domain/reassignment.service.js";
import { RoadmapService } from "../domain/roadmap.service.js";
import { WorkplacePrompts } from "../domain/workplace.service.js";
import { ChannelPoster } from "../slack/channel-poster.js";
import { SlackCelebrationNotifier } from "../slack/notifiers/celebration.notifier.js";
import { SlackCheckinNotifier } from "../slack/notifiers/checkin.notifier.js";
import { SlackExchangeNotifier } from "../slack/notifiers/exchange.notifier.js";
import { SlackFeedbackNotifier } from "../slack/notifiers/feedback.notifier.js";
import { SlackIntroductionNotifier } from "../slack/notifiers/introduction.notifier.js";
import { SlackKickoffNotifier } from "../slack/notifiers/kickoff.notifier.js";
import { SlackReassignmentNotifier } from "../slack/notifiers/reassignment.notifier.js";
import { SlackWorkplaceNotifier } from "../slack/notifiers/workplace.notifier.js";
import { type People, peopleServices } from "./people-services.js";
import { programServices, retentionOf } from "./program-services.js";
import type { Shared } from "./shared.js";

/** The domain services, wired to MongoDB, the queues and Slack; each role uses what it needs. */
export type Domain = ReturnType<typeof composeDomain>;

export function composeDomain(shared: Shared) {
  const people = peopleServices(shared);
  const roadmaps = roadmapServices(shared, people);
  const checkins = checkinServices(shared, people, roadmaps);
  return {
    ...people,
    ...roadmaps,
    ...checkins,
    ...feedbackServices(shared, people),
    ...kickoffServices(shared, people, roadmaps),
    ...programServices(shared, people),
    retention: retentionOf(shared),
  };
}

/** Roadmaps, progress on them, and what celebrates it: shout-outs and introductions. */
function roadmapServices(shared: Shared, { access, admins, directory, blocks }: People) {
  const { config, database, clock, queues, messenger, auditor } = shared;
  const roadmap = new RoadmapService({
    access,
    goals: database.relationships,
    milestones: database.milestones,
    progress: database.progress,
    audit: auditor,
    directory,
    clock,
    defaultTimezone: config.defaultTimezone,
  });
  const celebrationChannels = new CelebrationChannels({
    store: database.celebrationChannels,
    admins,
    audit: auditor,
    clock,
    defaultChannelId: config.celebrationChannelId,
  });
  const poster = new ChannelPoster(shared.slack.worker, shared.ledger, clock, shared.pacer);
  const celebrationNotifier = new SlackCelebrationNotifier(messenger, poster);
  return {
    roadmap,
    milestoneProgress: new MilestoneProgressService({
      tally: database.tallies,
      roadmap,
      milestones: database.milestones,
      latestNotes: database.latestNotes,
      progress: database.progress,
      audit: auditor,
      clock,
      jobs: queues,
    }),
    celebrationChannels,
    celebrationSettings: new CelebrationSettingsService({
      access,
      relationships: database.relationships,
      audit: auditor,
      clock,
      channels: celebrationChannels,
    }),
    congratulations: new CongratulationService({
      access,
      milestones: database.milestones,
      notifier: celebrationNotifier,
      audit: auditor,
    }),
    celebrations: new CelebrationService({
      access,
      relationships: database.relationships,
      milestones: database.milestones,
      notifier: celebrationNotifier,
      audit: auditor,
      clock,
      channels: celebrationChannels,
      admins,
      jobs: queues,
      slots: database.shoutOutSlots,
      claims: database.celebrationClaims,
    }),
    introductions: new IntroductionService({
      tally: database.tallies,
      access,
      relationships: database.relationships,
      introductions: database.introductions,
      directory,
      notifier: new SlackIntroductionNotifier(messenger),
      jobs: queues,
      audit: auditor,
      clock,
      blocks,
    }),
  };
}

/** Check-ins: answering them, their schedule, the sweep that sends them, and reassignment. */
function checkinServices(
  { config, database, clock, queues, messenger, slack, auditor }: Shared,
  { access, admins, calendars, zones, directory, blocks }: People,
  { milestoneProgress }: ReturnType<typeof roadmapServices>,
) {
  const notifier = new SlackCheckinNotifier(messenger, slack.worker);
  return {
    checkins: new CheckinService({
      tally: database.tallies,
      relationships: database.relationships,
      checkins: database.checkins,
      milestones: database.milestones,
      milestoneProgress,
      notifier,
      calendars,
      jobs: queues,
      audit: auditor,
      clock,
      admins,
    }),
    scheduler: new CheckinScheduler(
      {
        tally: database.tallies,
        relationships: database.relationships,
        marks: database.sweepMarks,
        checkins: database.checkins,
        calendars,
        jobs: queues,
        clock,
      },
      { pagesPerSweep: config.checkinSweepPages },
    ),
    owedReflections: new OwedReflections({ checkins: database.checkins, jobs: queues, clock }),
    checkinSchedules: new CheckinScheduleService({
      access,
      relationships: database.relationships,
      checkins: database.checkins,
      withholder: notifier,
      zones,
      calendars,
      jobs: queues,
      audit: auditor,
      clock,
    }),
    reassignments: new ReassignmentService({
      admins,
      relationships: database.relationships,
      checkins: database.checkins,
      feedbackRequests: database.feedbackRequests,
      milestones: database.milestones,
      directory,
      zones,
      notifier: new SlackReassignmentNotifier(messenger),
      jobs: queues,
      audit: auditor,
      clock,
      blocks,
      records: database.audit,
    }),
  };
}

function feedbackServices(
  { database, clock, queues, messenger, slack, auditor }: Shared,
  { access, directory, zones, calendars, blocks }: People,
) {
  return {
    feedback: new FeedbackService({
      tally: database.tallies,
      access,
      requests: database.feedbackRequests,
      entries: database.feedbackEntries,
      directory,
      zones,
      calendars,
      notifier: new SlackFeedbackNotifier(messenger, slack.worker),
      jobs: queues,
      audit: auditor,
      clock,
      blocks,
    }),
  };
}

/** The guided kickoff: its time (the overlap rule), and its answers, milestones and confirmation. */
function kickoffServices(
  { database, clock, queues, messenger, auditor }: Shared,
  { access, calendars }: People,
  { roadmap }: ReturnType<typeof roadmapServices>,
) {
  const notifier = new SlackKickoffNotifier(messenger);
  const common = { access, kickoffs: database.kickoffs, notifier, jobs: queues, clock };
  return {
    workplace: new WorkplacePrompts({
      relationships: database.relationships,
      schedules: database.workplacePrompts,
      calendars,
      notifier: new SlackWorkplaceNotifier(messenger),
      jobs: queues,
      clock,
    }),
    exchanges: new ExchangeService({
      access,
      relationships: database.relationships,
      exchanges: database.exchanges,
      notifier: new SlackExchangeNotifier(messenger),
      jobs: queues,
      audit: auditor,
      clock,
    }),
    kickoffs: new KickoffScheduleService({
      ...common,
      relationships: database.relationships,
      calendars,
      audit: auditor,
    }),
    kickoffRoadmap: new KickoffRoadmapService({
      ...common,
      relationships: database.relationships,
      exchanges: database.exchanges,
      roadmap,
      audit: auditor,
    }),
  };
}
