import { FailedWorkPeopleLookup } from "../db/failed-jobs/failed-work-people.js";
import { AdminService } from "../domain/admin.service.js";
import { EndingService } from "../domain/ending.service.js";
import { ForgettingService } from "../domain/forgetting.service.js";
import { MyDataService } from "../domain/my-data.service.js";
import { PairingService } from "../domain/pairing.service.js";
import { ProgramExportService } from "../domain/program-export.service.js";
import { ProgramReportService } from "../domain/program-report.service.js";
import {
  DELIVERY_RETENTION_DAYS,
  FAILED_JOB_RETENTION_DAYS,
  RetentionService,
} from "../domain/retention.js";
import { TempFileWriter } from "../files/temp-file-writer.js";
import { SlackFileDelivery } from "../slack/file-delivery.js";
import type { People } from "./people-services.js";
import type { Shared } from "./shared.js";

/** What admins run and what people ask of their data: reports, exports, ending, forgetting. */
export function programServices(
  shared: Shared,
  { access, admins, directory, blocks, zones }: People,
) {
  const { database, clock, queues, messenger, auditor } = shared;
  const files = new TempFileWriter();
  const delivery = new SlackFileDelivery(
    shared.slack.worker,
    database.deliveries,
    clock,
    messenger,
    shared.dmChannels,
  );
  const openWork = [database.checkins, database.feedbackRequests, database.kickoffs];
  return {
    myData: new MyDataService({
      store: database.personalData,
      files,
      delivery,
      jobs: queues,
      audit: auditor,
      clock,
    }),
    programExport: new ProgramExportService({
      rows: database.exportRows,
      files,
      delivery,
      admins,
      jobs: queues,
      audit: auditor,
      clock,
      zones,
    }),
    program: new ProgramReportService({
      stats: database.programStats,
      tallies: database.tallies,
      admins,
      audit: auditor,
      clock,
      zones,
    }),
    ending: new EndingService({
      access,
      relationships: database.relationships,
      openWork,
      jobs: queues,
      audit: auditor,
      clock,
    }),
    forgetting: new ForgettingService({
      admins,
      relationships: database.relationships,
      formerPairs: database.formerPairs,
      openWork,
      records: database.forgettings,
      feedbackRequests: database.feedbackRequests,
      holders: [
        database.relationships,
        database.milestones,
        database.progress,
        database.checkins,
        database.feedbackRequests,
        database.feedbackEntries,
        database.introductions,
        database.availability,
        database.kickoffs,
        database.exchanges,
        database.admins,
        database.blocks,
        database.failedJobs,
        database.audit,
        database.people,
      ],
      directory,
      jobs: queues,
      audit: auditor,
      clock,
    }),
    admin: new AdminService({
      admins,
      failedJobs: database.failedJobs,
      people: new FailedWorkPeopleLookup(database),
      directory,
      audit: auditor,
      clock,
    }),
    pairing: new PairingService({
      relationships: database.relationships,
      directory,
      audit: auditor,
      jobs: queues,
      clock,
      admins,
      blocks,
    }),
  };
}

export function retentionOf({ config, database, clock, logger }: Shared) {
  return new RetentionService({
    audit: database.audit,
    deliveries: database.deliveries,
    failedJobs: database.failedJobs,
    tallyMarks: database.tallies,
    kickoffClears: database.kickoffs.clears,
    kickoffClaims: database.kickoffs.claims,
    milestoneDones: database.milestoneDones,
    relationshipChanges: database.relationshipChanges,
    clock,
    policy: {
      auditDays: config.retention.auditDays,
      deliveryDays: DELIVERY_RETENTION_DAYS,
      failedJobDays: FAILED_JOB_RETENTION_DAYS,
    },
    onFailure: (collection, err) =>
      logger.error({ err, collection }, "retention purge of one collection failed"),
  });
}
