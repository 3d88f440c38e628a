import mongoose, { type Connection } from "mongoose";
import { type Clock, systemClock } from "../clock.js";
import { AdminRepository } from "./admins/admin.repository.js";
import { AuditRepository } from "./audit/audit.repository.js";
import { AvailabilityRepository } from "./availability/availability.repository.js";
import { BlockRepository } from "./blocks/block.repository.js";
import type { ReadCache } from "./cached-reads.js";
import { CelebrationChannelRepository } from "./celebration-channels/celebration-channel.repository.js";
import { CelebrationClaimRepository } from "./celebrations/celebration-claim.repository.js";
import { CheckinRepository } from "./checkins/checkin.repository.js";
import { DeliveryLedgerRepository } from "./deliveries/delivery-ledger.repository.js";
import { ExchangeRepository } from "./exchanges/exchange.repository.js";
import { FailedJobRepository } from "./failed-jobs/failed-job.repository.js";
import { FeedbackEntryRepository } from "./feedback/feedback-entry.repository.js";
import { FeedbackRequestRepository } from "./feedback/feedback-request.repository.js";
import { ForgettingRepository } from "./forgettings/forgetting.repository.js";
import { cachedAdmins, cachedMilestones, cachedRelationships } from "./hot-reads.js";
import { IntroductionRepository } from "./introductions/introduction.repository.js";
import { KickoffRepository } from "./kickoffs/kickoff.repository.js";
import { BatchedLatestNotes } from "./milestones/latest-notes.js";
import { MilestoneRepository } from "./milestones/milestone.repository.js";
import { MilestoneDones } from "./milestones/milestone-dones.js";
import { OneOffUpgrades } from "./one-off-upgrades.js";
import { JobOutboxRepository } from "./outbox/job-outbox.repository.js";
import { PersonRepository } from "./people/person.repository.js";
import { ProfileWalkRepository } from "./people/profile-walk.repository.js";
import { ExportRowsRepository } from "./program/export-rows.repository.js";
import { PairTallyRepository } from "./program/pair-tally.repository.js";
import { PersonalDataRepository } from "./program/personal-data.repository.js";
import { ProgramStatsRepository } from "./program/program-stats.repository.js";
import { rebuildTallies } from "./program/tally-rebuild.js";
import { ProgressEntryRepository } from "./progress/progress-entry.repository.js";
import { FormerPairsLookup } from "./relationships/former-pairs.js";
import { RelationshipRepository } from "./relationships/relationship.repository.js";
import { RelationshipChanges } from "./relationships/relationship-changes.js";
import { withRoadmapRevisions } from "./roadmap-revisions.js";
import { ShoutOutSlotRepository } from "./shout-outs/shout-out-slot.repository.js";
import { SweepMarkRepository } from "./sweep-marks/sweep-mark.repository.js";
import { WorkplaceScheduleRepository } from "./workplace/workplace-schedule.repository.js";

/** One MongoDB connection and the repositories on it. MongoDB is the source of truth. */
const MAX_POOL_SIZE = 20;

export class Database {
  readonly people: PersonRepository;
  readonly profileWalks: ProfileWalkRepository;
  readonly relationships: RelationshipRepository;
  /** People's changes to pairs, kept a while for the sweep (see RelationshipChanges). */
  readonly relationshipChanges: RelationshipChanges;
  readonly audit: AuditRepository;
  readonly deliveries: DeliveryLedgerRepository;
  readonly milestones: MilestoneRepository;
  /** "Done" recorded as inserts, purged after a day (see MilestoneDones). */
  readonly milestoneDones: MilestoneDones;
  readonly latestNotes: BatchedLatestNotes;
  readonly progress: ProgressEntryRepository;
  readonly checkins: CheckinRepository;
  readonly failedJobs: FailedJobRepository;
  readonly introductions: IntroductionRepository;
  readonly feedbackRequests: FeedbackRequestRepository;
  readonly feedbackEntries: FeedbackEntryRepository;
  readonly admins: AdminRepository;
  readonly blocks: BlockRepository;
  /** Forgettings under way, so a retry finishes one a failure cut short. */
  readonly forgettings: ForgettingRepository;
  readonly shoutOutSlots: ShoutOutSlotRepository;
  readonly celebrationClaims: CelebrationClaimRepository;
  readonly celebrationChannels: CelebrationChannelRepository;
  readonly programStats: ProgramStatsRepository;
  readonly availability: AvailabilityRepository;
  readonly exportRows: ExportRowsRepository;
  readonly personalData: PersonalDataRepository;
  /** The pairs someone mentored until a reassignment: forgetting's and the export's one rule. */
  readonly formerPairs: FormerPairsLookup;
  readonly tallies: PairTallyRepository;
  readonly kickoffs: KickoffRepository;
  readonly exchanges: ExchangeRepository;
  readonly workplacePrompts: WorkplaceScheduleRepository;
  readonly sweepMarks: SweepMarkRepository;
  /** Jobs owed until they ran (jobs/job-outbox.ts). */
  readonly outbox: JobOutboxRepository;

  private constructor(
    private readonly connection: Connection,
    readCache?: ReadCache,
  ) {
    this.people = new PersonRepository(connection);
    this.profileWalks = new ProfileWalkRepository(connection);
    this.sweepMarks = new SweepMarkRepository(connection);
    this.outbox = new JobOutboxRepository(connection);
    this.relationshipChanges = new RelationshipChanges(connection);
    const relationships = new RelationshipRepository(connection, this.relationshipChanges);
    this.relationships = cachedRelationships(relationships, readCache);
    this.audit = new AuditRepository(connection);
    this.deliveries = new DeliveryLedgerRepository(connection);
    // Counted on the pair without dropping the cached relationship reads: none of those shows a
    // check-in's milestones (only findById, never cached, is read for one).
    this.milestoneDones = new MilestoneDones(connection);
    this.milestones = cachedMilestones(
      withRoadmapRevisions(new MilestoneRepository(connection, this.milestoneDones), relationships),
      readCache,
    );
    this.latestNotes = new BatchedLatestNotes(this.milestones);
    this.progress = new ProgressEntryRepository(connection);
    this.checkins = new CheckinRepository(connection);
    this.failedJobs = new FailedJobRepository(connection);
    this.introductions = new IntroductionRepository(connection);
    this.feedbackRequests = new FeedbackRequestRepository(connection);
    this.feedbackEntries = new FeedbackEntryRepository(connection);
    this.admins = cachedAdmins(new AdminRepository(connection), readCache);
    this.blocks = new BlockRepository(connection);
    this.forgettings = new ForgettingRepository(connection);
    this.shoutOutSlots = new ShoutOutSlotRepository(connection);
    this.celebrationClaims = new CelebrationClaimRepository(connection);
    this.celebrationChannels = new CelebrationChannelRepository(connection);
    this.tallies = new PairTallyRepository(connection);
    this.programStats = new ProgramStatsRepository(connection);
    this.availability = new AvailabilityRepository(connection);
    this.exportRows = new ExportRowsRepository(connection, this.tallies);
    this.formerPairs = new FormerPairsLookup(this.relationships, this.audit);
    this.personalData = new PersonalDataRepository(connection, this.formerPairs);
    this.kickoffs = new KickoffRepository(connection);
    this.exchanges = new ExchangeRepository(connection);
    this.workplacePrompts = new WorkplaceScheduleRepository(connection);
  }

  /**
   * With a `readCache`, the lookups of a command's hot path (whose pairs a person is in, a
   * roadmap's milestones) are served from it, and every write through this Database drops
   * them; every replica writing to the same database must then share that cache.
   */
  static async connect(
    uri: string,
    clock: Clock = systemClock,
    readCache?: ReadCache,
  ): Promise<Database> {
    // A connection of our own (not mongoose's global one), so several bots
    // can live in one test process, each on its own database.
    const connection = await mongoose
      .createConnection(uri, {
        serverSelectionTimeoutMS: 5_000,
        autoIndex: false,
        // FerretDB 1.24 on PostgreSQL hangs for good once about 50 updates run at once, the
        // size of its own connection pool (measured: 40 at once finish, 60 never do). At most
        // 20 commands at a time per process keeps a web and a worker process under that. A
        // URI's own maxPoolSize wins.
        ...(/[?&]maxPoolSize=/i.test(uri) ? {} : { maxPoolSize: MAX_POOL_SIZE }),
      })
      .asPromise();
    const database = new Database(connection, readCache);
    await database.ensureIndexes();
    await database.finishUpgrades(clock);
    return database;
  }

  /**
   * The one-off upgrades, each run once across replicas and restarts (one-off-upgrades.ts):
   * at every start, and again by the hourly housekeeping, which takes over one a killed start
   * left claimed once its lease ran out (a start within the lease skips it). Done ones cost a
   * read by `_id` each.
   */
  async finishUpgrades(clock: Clock): Promise<void> {
    const upgrades = new OneOffUpgrades(this.connection, () => clock.now());
    // The first start with tallies (an upgrade) counts the history once; one replica does it.
    await upgrades.runOnce("rebuild-v1", () => this.rebuildTallies(clock.now()));
    // Pairs from before the monthly workplace prompts get theirs planned, once.
    await upgrades.runOnce("workplace-v1", () => this.workplacePrompts.planOpenPairs(clock.now()));
    // Pairs from before the due index get their bucket (src/domain/due-index.ts), once.
    await upgrades.runOnce("due-bucket-v1", () => this.relationships.fillDueBuckets(clock.now()));
    // Pairs from before they knew who of them left get marked (the people who left are few).
    await upgrades.runOnce("left-workspace-v1", async () =>
      this.relationships.fillLeftWorkspace(await this.people.listLeft()),
    );
    // Open check-ins from before their follow-up index get their bucket, once.
    await upgrades.runOnce("follow-up-bucket-v1", () =>
      this.checkins.fillFollowUpBuckets(clock.now()),
    );
  }

  /** Recounts every pair's tally from the history (see domain/program-tally.ts). */
  rebuildTallies(now: Date): Promise<{ pairs: number }> {
    return rebuildTallies(this.connection, this.tallies, now);
  }

  /** True while MongoDB answers a ping. */
  async ping(): Promise<boolean> {
    try {
      await this.connection.db?.admin().ping();
      return this.connection.db !== undefined;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  private async ensureIndexes(): Promise<void> {
    await Promise.all([
      this.people.ensureIndexes(),
      this.relationships.ensureIndexes(),
      this.audit.ensureIndexes(),
      this.deliveries.ensureIndexes(),
      this.milestones.ensureIndexes(),
      this.progress.ensureIndexes(),
      this.checkins.ensureIndexes(),
      this.failedJobs.ensureIndexes(),
      this.introductions.ensureIndexes(),
      this.feedbackRequests.ensureIndexes(),
      this.feedbackEntries.ensureIndexes(),
      this.admins.ensureIndexes(),
      this.availability.ensureIndexes(),
      this.blocks.ensureIndexes(),
      this.shoutOutSlots.ensureIndexes(),
      this.celebrationClaims.ensureIndexes(),
      this.celebrationChannels.ensureIndexes(),
      this.kickoffs.ensureIndexes(),
      this.exchanges.ensureIndexes(),
      this.workplacePrompts.ensureIndexes(),
      this.forgettings.ensureIndexes(),
      this.outbox.ensureIndexes(),
    ]);
  }
}
