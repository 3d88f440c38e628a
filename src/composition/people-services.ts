import { ProgramAdmins } from "../domain/admin.js";
import { AvailabilityService } from "../domain/availability.service.js";
import { BlockService } from "../domain/blocking.js";
import { Calendars } from "../domain/calendars.js";
import { RelationshipAccess } from "../domain/relationship-access.js";
import { TimeZones } from "../domain/time-zones.js";
import { SlackAvailabilityNotifier } from "../slack/notifiers/availability.notifier.js";
import { PROFILE_REFRESH_EVERY_MS, ProfileRefresh } from "../slack/profile-refresh.js";
import { SlackUserDirectory } from "../slack/user-directory.js";
import type { Shared } from "./shared.js";

/** Who people are, their time and calendars, who the admins are, who may see which pair. */
export function peopleServices({
  config,
  database,
  clock,
  queues,
  slack,
  messenger,
  auditor,
}: Shared) {
  const directory = new SlackUserDirectory(
    slack.worker,
    database.people,
    clock,
    (userId) => queues.enqueue("people.left", { userId }),
    // A time zone that changed since the last read moves that person's schedule (a job).
    {
      zoneChanged: (userId, from, to) =>
        queues.enqueue("people.zone-changed", {
          userId,
          from,
          to,
          changedAt: clock.now().getTime(),
        }),
    },
    // Leaving (or coming back) is marked on the person's pairs, which check-ins read anyway.
    { presenceChanged: (userId, left) => database.relationships.markLeft(userId, left) },
  );
  const profileRefresh = new ProfileRefresh({
    client: slack.worker,
    directory,
    walks: database.profileWalks,
    clock,
    everyMs: config.profileRefreshIntervalMs || PROFILE_REFRESH_EVERY_MS,
  });
  const calendars = new Calendars({
    directory,
    availability: database.availability,
    holidays: new Set(config.holidays),
    defaultZone: config.defaultTimezone,
    clock,
  });
  const admins = new ProgramAdmins(database.admins, config.adminUserIds);
  return {
    directory,
    profileRefresh,
    zones: new TimeZones(directory, config.defaultTimezone),
    calendars,
    availability: new AvailabilityService({
      store: database.availability,
      calendars,
      relationships: database.relationships,
      notifier: new SlackAvailabilityNotifier(messenger),
      deferred: database.checkins,
      jobs: queues,
      audit: auditor,
      clock,
    }),
    admins,
    access: new RelationshipAccess(database.relationships, admins),
    blocks: new BlockService({ store: database.blocks, audit: auditor, clock }),
  };
}

export type People = ReturnType<typeof peopleServices>;
