import type { Person, UserDirectory } from "./people.js";

/** A person's IANA time zone from their Slack profile, or the workspace default. */
export class TimeZones {
  constructor(
    private readonly directory: UserDirectory,
    private readonly defaultZone: string,
  ) {}

  async of(userId: string): Promise<string> {
    const person = await this.directory.lookup(userId).catch(() => null);
    return person?.timezone || this.defaultZone;
  }

  /** Zones of many people, for a sweep: one cache read instead of one per person. */
  async ofMany(userIds: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(userIds)];
    if (this.directory.lookupMany) {
      const people = await this.directory
        .lookupMany(unique)
        .catch(() => new Map<string, Person | null>());
      return new Map(unique.map((id) => [id, people.get(id)?.timezone || this.defaultZone]));
    }
    return new Map(await Promise.all(unique.map(async (id) => [id, await this.of(id)] as const)));
  }
}
