import type { WebClient } from "@slack/web-api";
import type { Clock } from "../clock.js";
import type { ProfileWalk, ProfileWalkStore } from "../domain/people.js";
import { slackErrorCode } from "./slack-errors.js";
import { type SlackUser, type SlackUserDirectory, USERS_LIST_PAGE } from "./user-directory.js";

/**
 * How often the whole workspace's profiles are walked. A cached profile is trusted for a day
 * (user-directory.ts); walking twice as often keeps every one fresh even if one walk fails, so a
 * sweep finds its page's mentees fresh and never walks users.list itself. It would otherwise, at
 * every hour with pairs due: at 10,000 people that is 50 pages of Tier 2 (20 a minute), two and a
 * half minutes that the hour's check-ins wait.
 */
export const PROFILE_REFRESH_EVERY_MS = 12 * 3600_000;

/** An interrupted walk (Slack failing, the worker stopping) goes on from its cursor this long. */
const RESUME_WITHIN_MS = 3600_000;

export type ProfileRefreshResult =
  /** The last walk finished less than half a period ago (a restart, or a second replica). */
  | { outcome: "recent" }
  | {
      outcome: "walked";
      /** Whether it went on from an interrupted walk's cursor. */
      resumed: boolean;
      pages: number;
      /** The people on those pages whom the bot knows, and those whose profile changed. */
      known: number;
      changed: number;
    };

export interface ProfileRefreshDeps {
  client: { users: Pick<WebClient["users"], "list"> };
  directory: Pick<SlackUserDirectory, "takeListedPage">;
  walks: ProfileWalkStore;
  clock: Clock;
  everyMs: number;
}

/**
 * The periodic walk of users.list that refreshes every cached profile (time zone, status, a
 * deactivated account) in the background, paced like any users.list call (Tier 2). A page at a
 * time, so memory stays bounded by a page; its progress is saved after each page, so a walk
 * Slack interrupted goes on where it stopped instead of reading the first pages again. One
 * replica at a time walks (the caller holds a lock).
 */
export class ProfileRefresh {
  constructor(private readonly deps: ProfileRefreshDeps) {}

  async run(): Promise<ProfileRefreshResult> {
    const { clock, walks, everyMs } = this.deps;
    const now = clock.now().getTime();
    const last = await walks.read();
    if (last?.finishedAt && now - last.finishedAt.getTime() < everyMs / 2) {
      return { outcome: "recent" };
    }
    const resumed =
      last !== null &&
      last.finishedAt === null &&
      last.cursor !== null &&
      now - last.savedAt.getTime() < RESUME_WITHIN_MS;
    const walk = resumed ? last : this.fresh();
    try {
      return { outcome: "walked", resumed, ...(await this.walkFrom(walk)) };
    } catch (error) {
      // Slack no longer takes the saved cursor: the walk starts over.
      if (!resumed || slackErrorCode(error) !== "invalid_cursor") throw error;
      return { outcome: "walked", resumed: false, ...(await this.walkFrom(this.fresh())) };
    }
  }

  private fresh(): ProfileWalk {
    const now = this.deps.clock.now();
    return { startedAt: now, cursor: null, pages: 0, savedAt: now, finishedAt: null };
  }

  private async walkFrom(start: ProfileWalk) {
    const { client, directory, walks, clock } = this.deps;
    let walk = start;
    let pages = 0;
    let known = 0;
    let changed = 0;
    do {
      const page = await client.users.list({
        limit: USERS_LIST_PAGE,
        ...(walk.cursor ? { cursor: walk.cursor } : {}),
      });
      const taken = await directory.takeListedPage((page.members ?? []) as SlackUser[]);
      pages += 1;
      known += taken.known;
      changed += taken.changed;
      const cursor = page.response_metadata?.next_cursor || null;
      const at = clock.now();
      walk = {
        ...walk,
        cursor,
        pages: walk.pages + 1,
        savedAt: at,
        finishedAt: cursor ? null : at,
      };
      await walks.save(walk);
    } while (walk.cursor);
    return { pages, known, changed };
  }
}
