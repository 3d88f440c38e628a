/** A Slack user as the bot knows them: cached from users.info. */
export interface Person {
  slackUserId: string;
  displayName: string;
  realName: string;
  timezone: string | null;
  isBot: boolean;
  deleted: boolean;
  refreshedAt: Date;
}

/** Looks people up, from the cache or from Slack. `null` means Slack does not know them. */
export interface UserDirectory {
  lookup(slackUserId: string): Promise<Person | null>;
  /** Many at once (one cache read for the lot); optional, `lookup` per id otherwise. */
  lookupMany?(slackUserIds: readonly string[]): Promise<Map<string, Person | null>>;
}
