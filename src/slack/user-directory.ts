import type { WebClient } from "@slack/web-api";
import type { Clock } from "../clock.js";
import type { SlackStatus } from "../domain/availability.js";
import type {
  LookupOptions,
  Person,
  PersonCache,
  UserDirectory,
  ZoneChangeListener,
} from "../domain/people.js";
import { slackErrorCode } from "./slack-errors.js";

/** How long a cached profile (name, time zone) is trusted before users.info is asked again. */
const PROFILE_TTL_MS = 24 * 3600 * 1000;

type SlackUser = NonNullable<Awaited<ReturnType<WebClient["users"]["info"]>>["user"]>;

/**
 * UserDirectory over Slack's users.info, cached in MongoDB. Whichever way it
 * learns that an account was deactivated (users.info, or a `user_change`
 * event), `onDeactivated` hears it once, when the cached person flips.
 */
export class SlackUserDirectory implements UserDirectory {
  constructor(
    private readonly client: WebClient,
    private readonly cache: PersonCache,
    private readonly clock: Clock,
    private readonly onDeactivated: (slackUserId: string) => Promise<void> = async () => {},
    private readonly zoneChanges?: ZoneChangeListener,
  ) {}

  /** A `user_change` event: Slack sends the whole user, so no users.info call is needed. */
  async changed(user: SlackUser): Promise<void> {
    if (!user.id) return;
    await this.store(user, await this.cache.find(user.id));
  }

  async lookup(slackUserId: string, options: LookupOptions = {}): Promise<Person | null> {
    const cached = await this.cache.find(slackUserId);
    return this.isFresh(cached, options) ? cached : this.refresh(slackUserId, cached);
  }

  async lookupMany(
    slackUserIds: readonly string[],
    options: LookupOptions = {},
  ): Promise<Map<string, Person | null>> {
    const cached = new Map(
      (await this.cache.findMany(slackUserIds)).map((p) => [p.slackUserId, p]),
    );
    const entries = await Promise.all(
      slackUserIds.map(async (id) => {
        const person = cached.get(id) ?? null;
        const fresh = this.isFresh(person, options);
        return [id, fresh ? person : await this.refresh(id, person)] as const;
      }),
    );
    return new Map(entries);
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
    const id = user.id ?? "";
    if (cached?.timezone && user.tz && cached.timezone !== user.tz) {
      // Their schedule follows them from the next slot on (queued work).
      await this.zoneChanges?.zoneChanged(id, cached.timezone, user.tz);
    }
    const person = await this.cache.upsert({
      slackUserId: id,
      displayName: user.profile?.display_name || user.real_name || user.name || id,
      realName: user.real_name ?? "",
      timezone: user.tz ?? null,
      isBot: Boolean(user.is_bot) || id === "USLACKBOT",
      deleted: Boolean(user.deleted),
      status: statusOf(user.profile),
      refreshedAt: this.clock.now(),
    });
    if (person.deleted && !cached?.deleted) await this.onDeactivated(id);
    return person;
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
