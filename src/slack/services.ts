import type { AdminService } from "../domain/admin.service.js";
import type { AvailabilityService } from "../domain/availability.service.js";
import type { BlockService } from "../domain/blocking.js";
import type { CelebrationService } from "../domain/celebration.service.js";
import type { CelebrationChannels } from "../domain/celebration-channels.js";
import type { CelebrationSettingsService } from "../domain/celebration-settings.service.js";
import type { CheckinService } from "../domain/checkin.service.js";
import type { CheckinScheduleService } from "../domain/checkin-schedule.service.js";
import type { CongratulationService } from "../domain/congratulation.service.js";
import type { EndingService } from "../domain/ending.service.js";
import type { ExchangeService } from "../domain/exchange.service.js";
import type { FeedbackService } from "../domain/feedback.service.js";
import type { ForgettingService } from "../domain/forgetting.service.js";
import type { IntroductionService } from "../domain/introduction.service.js";
import type { KickoffScheduleService } from "../domain/kickoff.service.js";
import type { KickoffRoadmapService } from "../domain/kickoff-roadmap.service.js";
import type { MilestoneProgressService } from "../domain/milestone-progress.service.js";
import type { MyDataService } from "../domain/my-data.service.js";
import type { PairingService } from "../domain/pairing.service.js";
import type { ProgramExportService } from "../domain/program-export.service.js";
import type { ProgramReportService } from "../domain/program-report.service.js";
import type { ReassignmentService } from "../domain/reassignment.service.js";
import type { RoadmapService } from "../domain/roadmap.service.js";
import type { DmChannelStore } from "./dm-channel.js";
import type { SlackUserDirectory } from "./user-directory.js";

/** The services listeners call. Listeners stay thin: ack, parse, call, render. */
export interface Services {
  pairing: PairingService;
  roadmap: RoadmapService;
  milestoneProgress: MilestoneProgressService;
  checkins: CheckinService;
  checkinSchedules: CheckinScheduleService;
  admin: AdminService;
  feedback: FeedbackService;
  /** Shout-outs: the mentee's answer to "Share it?". */
  celebrations: CelebrationService;
  /** `/mentor celebrate`: where and whether a pair's milestones are shared. */
  celebrationSettings: CelebrationSettingsService;
  /** The mentor's Congratulate button and note. */
  congratulations: CongratulationService;
  introductions: IntroductionService;
  program: ProgramReportService;
  ending: EndingService;
  reassignments: ReassignmentService;
  forgetting: ForgettingService;
  availability: AvailabilityService;
  /** The kickoff's time (show, move). */
  kickoffs: KickoffScheduleService;
  /** The kickoff's content: the mentee's answers, the mentor's milestones, the confirmation. */
  kickoffRoadmap: KickoffRoadmapService;
  /** Offers from the mentee and advice from the mentor ("What we learn from each other"). */
  exchanges: ExchangeService;
  /** Starts timing a slash command; the returned function records it under its subcommand. */
  commandTimer(): (subcommand: string) => void;
  blocks: BlockService;
  celebrationChannels: CelebrationChannels;
  /** COMMANDS_PER_MINUTE per person, counted across replicas. */
  rateLimit: { allow(userId: string): Promise<boolean> };
  exports: ProgramExportService;
  /** Keeps the people cache current from `user_change` events; names a nameless mention. */
  people: Pick<SlackUserDirectory, "changed" | "knownNames">;
  myData: MyDataService;
  /** Handles each Slack event id once, across replicas. */
  events: { firstDelivery(eventId: string): Promise<boolean> };
  /** DM channel ids already opened, shared with DirectMessenger: a note to a button's presser reuses them. */
  dmChannels: DmChannelStore;
}
