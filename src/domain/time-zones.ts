import type { UserDirectory } from "./people.js";

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
}
