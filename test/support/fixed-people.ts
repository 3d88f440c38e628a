// People as two race tests need them: everyone known to Slack, in one zone, fresh as of a moment,
// and nobody a program admin. No server behind either.
import type { AdminDirectory } from "../../src/domain/admin.js";
import type { UserDirectory } from "../../src/domain/people.js";

/** A directory where anyone asked about exists, works in `timezone`, and was read at `refreshedAt`. */
export function everyoneIn(timezone: string, refreshedAt: Date): UserDirectory {
  return {
    lookup: async (slackUserId) => ({
      slackUserId,
      displayName: slackUserId,
      realName: slackUserId,
      timezone,
      isBot: false,
      deleted: false,
      refreshedAt,
    }),
  };
}

export const noAdmins: AdminDirectory = { isAdmin: async () => false, list: async () => [] };
