import type { SlackStatus } from "./availability.js";
import type { Relationship } from "./relationship.js";

/** A Slack user as the bot knows them: cached from users.info. */
export interface Person {
  slackUserId: string;
  displayName: string;
  realName: string;
  timezone: string | null;
  isBot: boolean;
  deleted: boolean;
  /** Their Slack status when last read ("away" statuses count as time off). */
  status?: SlackStatus | null;
  refreshedAt: Date;
}

/** Port: the profiles read from Slack, kept in MongoDB so most lookups need no API call. */
export interface PersonCache {
  find(slackUserId: string): Promise<Person | null>;
  findMany(slackUserIds: readonly string[]): Promise<Person[]>;
  upsert(person: Person): Promise<Person>;
  /** Many profiles in one round trip (a users.list page). */
  upsertMany(people: readonly Person[]): Promise<void>;
  /**
   * A users.list walk at `at` found these cached profiles unchanged: they count as refreshed
   * then, in one write for the lot instead of one per person.
   */
  confirmListed(slackUserIds: readonly string[], at: Date): Promise<void>;
  /** When a users.list walk last found each of these unchanged; absent: never. */
  listedAt(slackUserIds: readonly string[]): Promise<Map<string, Date>>;
}

/** Where the periodic walk of the workspace's profiles stands (slack/profile-refresh.ts). */
export interface ProfileWalk {
  startedAt: Date;
  /** The next page's cursor; null before the first page and once the walk is done. */
  cursor: string | null;
  /** Pages read so far. */
  pages: number;
  /** When the last page was saved: a walk left longer than its cursor lives starts over. */
  savedAt: Date;
  finishedAt: Date | null;
}

/** Port: the one walk's progress, kept where every replica sees it. */
export interface ProfileWalkStore {
  read(): Promise<ProfileWalk | null>;
  save(walk: ProfileWalk): Promise<void>;
}

/** Whether two reads of a profile say the same (when each was read aside). */
export function sameProfile(a: Person, b: Person): boolean {
  const status = (p: Person) =>
    p.status ? [p.status.emoji, p.status.text, p.status.expiresAt?.getTime() ?? null] : null;
  return (
    a.displayName === b.displayName &&
    a.realName === b.realName &&
    a.timezone === b.timezone &&
    a.isBot === b.isBot &&
    a.deleted === b.deleted &&
    JSON.stringify(status(a)) === JSON.stringify(status(b))
  );
}

/** Looks people up, from the cache or from Slack. `null` means Slack does not know them. */
export interface UserDirectory {
  lookup(slackUserId: string, options?: LookupOptions): Promise<Person | null>;
  /** Many at once (one cache read for the lot); optional, `lookup` per id otherwise. */
  lookupMany?(
    slackUserIds: readonly string[],
    options?: LookupOptions,
  ): Promise<Map<string, Person | null>>;
}

export interface LookupOptions {
  /** Trust a cached profile only this young: a status changes within hours, a name rarely. */
  maxAgeMs?: number;
}

/** The Slack side of someone leaving the workspace. */
export interface DepartureNotifier {
  /** Tells the other person of a mentorship, once per pair and leaver (delivery ledger). */
  tellPartner(relationship: Relationship, leaverId: string): Promise<void>;
}

/** Told before the cached person flips between present and left (deactivated, or back). */
export interface PresenceListener {
  presenceChanged(userId: string, left: boolean): Promise<void>;
}

/** Told when a refreshed profile has a different time zone than the cached one. */
export interface ZoneChangeListener {
  zoneChanged(userId: string, from: string, to: string): Promise<void>;
}
