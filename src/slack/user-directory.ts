import type { WebClient } from "@slack/web-api";
import type { Clock } from "../clock.js";
import type { SlackStatus } from "../domain/availability.js";
import {
  type LookupOptions,
  type Person,
  type PersonCache,
  type PresenceListener,
  sameProfile,
  type UserDirectory,
  type ZoneChangeListener,
} from "../domain/people.js";
import { slackErrorCode } from "./slack-errors.js";

/**
 * How long a cached profile (name, time zone, status) is trusted before Slack is asked again:
 * a day. `user_change` events update it at once in between.
 */
const PROFILE_TTL_MS = 24 * 3600 * 1000;

/**
 * From this many stale people in one lookup, they are refreshed by paging users.list (Tier 2,
 * 200 people a call) instead of one users.info (Tier 4) each: 50 users.info calls take half a
 * minute of Tier 4, as long as 10 pages (2,000 people) of Tier 2.
 */
export const BULK_REFRESH_FROM = 50;
/** users.info calls (and their cache writes) at once, below BULK_REFRESH_FROM. */
const REFRESHES_AT_ONCE = 10;
/** users.list page size: Slack advises no more than 200. */
export const USERS_LIST_PAGE = 200;

export type SlackUser = NonNullable<Awaited<ReturnType<WebClient["users"]["info"]>>["user"]>;

/** What one users.list page did to the cache: the known people on it, and whose profile changed. */
export interface ListedPage {
  known: number;
  changed: number;
}

/**
 * UserDirectory over Slack's users.info (users.list for many at once), cached in MongoDB
 * for a day. Whichever way it
 * learns that an account was deactivated (users.info, or a `user_change`
 * event), `onDeactivated` hears it before the cached person flips, so until it was heard.
 */
export class SlackUserDirectory implements UserDirectory {
  constructor(
    private readonly client: WebClient,
    private readonly cache: PersonCache,
    private readonly clock: Clock,
    private readonly onDeactivated: (slackUserId: string) => Promise<void> = async () => {},
    private readonly zoneChanges?: ZoneChangeListener,
    private readonly presence?: PresenceListener,
  ) {}

  /**
   * A `user_change` event: Slack sends the whole user, so no users.info call is needed. Only
   * people the bot knows are updated, as on a users.list walk: Slack sends every member's
   * changes, and a forgotten person's profile must not come back with their next one.
   */
  async changed(user: SlackUser): Promise<void> {
    if (!user.id) return;
    const cached = await this.cache.find(user.id);
    if (cached) await this.store(user, cached);
  }

  /**
   * The display names the cache already holds, Slack not asked: for naming people in free text,
   * which must not store the profile of someone the bot does not otherwise know. One read by
   * equality each (a command names a few people): FerretDB scans the collection for an `$in`.
   */
  async knownNames(slackUserIds: readonly string[]): Promise<Map<string, string>> {
    const found = await Promise.all(slackUserIds.map((id) => this.cache.find(id)));
    return new Map(found.flatMap((p) => (p ? [[p.slackUserId, p.displayName] as const] : [])));
  }

  async lookup(slackUserId: string, options: LookupOptions = {}): Promise<Person | null> {
    let cached = await this.cache.find(slackUserId);
    if (cached && !this.isFresh(cached, options)) {
      cached = (await this.withListings([cached])).get(slackUserId) ?? cached;
    }
    return this.isFresh(cached, options) ? cached : this.refresh(slackUserId, cached);
  }

  async lookupMany(
    slackUserIds: readonly string[],
    options: LookupOptions = {},
  ): Promise<Map<string, Person | null>> {
    const found = await this.cache.findMany(slackUserIds);
    const relisted = await this.withListings(found.filter((p) => !this.isFresh(p, options)));
    const cached = new Map(found.map((p) => [p.slackUserId, relisted.get(p.slackUserId) ?? p]));
    const stale = [...new Set(slackUserIds)].filter(
      (id) => !this.isFresh(cached.get(id) ?? null, options),
    );
    if (stale.length >= BULK_REFRESH_FROM) {
      const listed = await this.refreshFromList(stale, cached);
      return new Map(
        slackUserIds.map((id) => [
          id,
          listed.has(id) ? (listed.get(id) ?? null) : (cached.get(id) ?? null),
        ]),
      );
    }
    const people = new Map<string, Person | null>();
    for (const id of slackUserIds) people.set(id, cached.get(id) ?? null);
    // A few at a time: FerretDB 1.24 on PostgreSQL hangs on dozens of concurrent updates.
    for (let start = 0; start < stale.length; start += REFRESHES_AT_ONCE) {
      const batch = stale.slice(start, start + REFRESHES_AT_ONCE);
      const refreshed = await Promise.all(
        batch.map((id) => this.refresh(id, cached.get(id) ?? null)),
      );
      for (const [i, id] of batch.entries()) people.set(id, refreshed[i] ?? null);
    }
    return people;
  }

  /**
   * These cached people, each refreshed as of the last users.list walk that found their profile
   * unchanged, when that is later than their own write. One read for the lot.
   */
  private async withListings(people: readonly Person[]): Promise<Map<string, Person>> {
    const listed =
      people.length > 0
        ? await this.cache.listedAt(people.map((p) => p.slackUserId))
        : new Map<string, Date>();
    return new Map(
      people.map((p) => {
        const at = listed.get(p.slackUserId);
        const person = at && at > p.refreshedAt ? { ...p, refreshedAt: at } : p;
        return [p.slackUserId, person];
      }),
    );
  }

  /**
   * Refreshes many stale people by paging users.list (deactivated accounts included), a page
   * at a time, stopping once all of them were seen. Only the changed profiles are written; the
   * unchanged ones are confirmed in one write at the end (`confirmListed`). Someone Slack does
   * not list is unknown (null), as users.info's user_not_found, and is not confirmed. If Slack
   * fails midway, the rest keep their cached profile; anyone never cached makes the lookup
   * fail, as users.info does.
   */
  private async refreshFromList(
    stale: readonly string[],
    cached: ReadonlyMap<string, Person>,
  ): Promise<Map<string, Person | null>> {
    const wanted = new Set(stale);
    const found = new Map<string, Person | null>();
    const unchanged: string[] = [];
    let cursor: string | undefined;
    try {
      do {
        const page = await this.client.users.list({ limit: USERS_LIST_PAGE, cursor });
        const ours = (page.members ?? []).filter((m) => m.id && wanted.has(m.id)) as SlackUser[];
        const listed = await this.takeProfiles(ours, cached);
        for (const person of listed.people) {
          wanted.delete(person.slackUserId);
          found.set(person.slackUserId, person);
        }
        unchanged.push(...listed.unchanged);
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor && wanted.size > 0);
    } catch (error) {
      await this.cache.confirmListed(unchanged, this.clock.now());
      if ([...wanted].some((id) => !cached.has(id))) throw error;
      return found;
    }
    await this.cache.confirmListed(unchanged, this.clock.now());
    for (const id of wanted) found.set(id, null);
    return found;
  }

  /**
   * One users.list page read outside a lookup (the periodic walk, profile-refresh.ts): the
   * people on it whom the bot knows get their profile refreshed, in one cache read, one write
   * of the changed ones and one confirmation of the rest. Anyone else is left uncached.
   */
  async takeListedPage(members: readonly SlackUser[]): Promise<ListedPage> {
    const ids = members.flatMap((m) => (m.id ? [m.id] : []));
    const known = ids.length > 0 ? await this.cache.findMany(ids) : [];
    const cached = new Map(known.map((p) => [p.slackUserId, p]));
    const ours = members.filter((m) => m.id && cached.has(m.id));
    const { unchanged } = await this.takeProfiles(ours, cached);
    await this.cache.confirmListed(unchanged, this.clock.now());
    return { known: ours.length, changed: ours.length - unchanged.length };
  }

  /**
   * Listed users' profiles against their cached ones: the changed ones are written (each
   * change told, as any refresh tells it); the unchanged ones are left for the caller to
   * confirm in one write.
   */
  private async takeProfiles(
    users: readonly SlackUser[],
    cached: ReadonlyMap<string, Person>,
  ): Promise<{ people: Person[]; unchanged: string[] }> {
    const people = users.map((user) => this.profileOf(user));
    const unchanged: string[] = [];
    const changed: Person[] = [];
    for (const person of people) {
      const before = cached.get(person.slackUserId);
      if (before && sameProfile(before, person)) unchanged.push(person.slackUserId);
      else changed.push(person);
    }
    // A change that could not be told is not stored: it stays new for the next walk. The others
    // on the page are told and stored all the same; the first failure is rethrown after them.
    const told: Person[] = [];
    let failure: { error: unknown } | undefined;
    for (const person of changed) {
      try {
        await this.beforeStore(person, cached.get(person.slackUserId) ?? null);
        told.push(person);
      } catch (error) {
        failure ??= { error };
      }
    }
    await this.cache.upsertMany(told);
    if (failure) throw failure.error;
    return { people, unchanged };
  }

  private isFresh(person: Person | null, options: LookupOptions): person is Person {
    const maxAge = Math.min(options.maxAgeMs ?? PROFILE_TTL_MS, PROFILE_TTL_MS);
    return person !== null && this.clock.now().getTime() - person.refreshedAt.getTime() < maxAge;
  }

  /** Asks Slack (users.info) and caches the answer. */
  private async refresh(slackUserId: string, cached: Person | null): Promise<Person | null> {
    let user: Awaited<ReturnType<WebClient["users"]["info"]>>["user"];
    try {
      ({ user } = await this.client.users.info({ user: slackUserId }));
    } catch (error) {
      if (slackErrorCode(error) === "user_not_found") return null;
      // Slack is down or slow: a slightly stale profile beats failing the user.
      if (cached) return cached;
      throw error;
    }
    if (!user?.id) return null;
    return this.store(user, cached);
  }

  private async store(user: SlackUser, cached: Person | null): Promise<Person> {
    const profile = this.profileOf(user);
    await this.beforeStore(profile, cached);
    return this.cache.upsert(profile);
  }

  private profileOf(user: SlackUser): Person {
    const id = user.id ?? "";
    return {
      slackUserId: id,
      displayName: user.profile?.display_name || user.real_name || user.name || id,
      realName: user.real_name ?? "",
      timezone: user.tz ?? null,
      isBot: Boolean(user.is_bot) || id === "USLACKBOT",
      deleted: Boolean(user.deleted),
      status: statusOf(user.profile),
      refreshedAt: this.clock.now(),
    };
  }

  /**
   * A new time zone moves the schedule from the next slot on (queued work); leaving or coming
   * back marks the person's pairs, and leaving queues the partners' notice. Told before the cache
   * changes, so a crash in between tells it again rather than never.
   */
  private async beforeStore(person: Person, cached: Person | null): Promise<void> {
    if (cached?.timezone && person.timezone && cached.timezone !== person.timezone) {
      await this.zoneChanges?.zoneChanged(person.slackUserId, cached.timezone, person.timezone);
    }
    // Their pairs carry it, so a check-in need not read the person (see Relationship).
    if (person.deleted !== Boolean(cached?.deleted)) {
      await this.presence?.presenceChanged(person.slackUserId, person.deleted);
    }
    // Heard until the cached person flips; told twice, the delivery keys send each notice once.
    if (person.deleted && !cached?.deleted) await this.onDeactivated(person.slackUserId);
  }
}

/** The profile's status, or null when it is empty. */
function statusOf(
  profile: { status_emoji?: string; status_text?: string; status_expiration?: number } | undefined,
): SlackStatus | null {
  const emoji = profile?.status_emoji ?? "";
  const text = profile?.status_text ?? "";
  if (!emoji && !text) return null;
  const expiration = profile?.status_expiration ?? 0;
  return { emoji, text, expiresAt: expiration > 0 ? new Date(expiration * 1000) : null };
}
