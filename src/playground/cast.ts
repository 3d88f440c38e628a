/** The playground's seeded workspace: who is in it and which channels exist. */

export interface PlaygroundPerson {
  id: string;
  /** Slack handle, as typed after @. */
  handle: string;
  name: string;
  role: "admin" | "mentor" | "mentee";
  tz: string;
}

export interface PlaygroundChannel {
  id: string;
  name: string;
  purpose: string;
}

export const TEAM_ID = "TPLAYGND1";
export const APP_ID = "APLAYGND1";
export const BOT = { userId: "UPGBOT001", botId: "BPGBOT001", name: "Mentorship" } as const;

export const PEOPLE: readonly PlaygroundPerson[] = [
  { id: "UPGADA001", handle: "ada", name: "Ada", role: "admin", tz: "Europe/London" },
  { id: "UPGMARIA1", handle: "maria", name: "Maria", role: "mentor", tz: "America/New_York" },
  { id: "UPGKENJI1", handle: "kenji", name: "Kenji", role: "mentor", tz: "Asia/Tokyo" },
  { id: "UPGSAM001", handle: "sam", name: "Sam", role: "mentee", tz: "Asia/Kolkata" },
  { id: "UPGLENA01", handle: "lena", name: "Lena", role: "mentee", tz: "Europe/Berlin" },
  { id: "UPGTOM001", handle: "tom", name: "Tom", role: "mentee", tz: "America/Los_Angeles" },
];

export const CHANNELS: readonly PlaygroundChannel[] = [
  { id: "CPGCELEB1", name: "celebrations", purpose: "Milestone shout-outs" },
  { id: "CPGGENRL1", name: "general", purpose: "Everyone" },
];

export const CELEBRATION_CHANNEL_ID = "CPGCELEB1";
export const ADMIN_IDS = PEOPLE.filter((p) => p.role === "admin").map((p) => p.id);

export const person = (id: string): PlaygroundPerson | undefined => PEOPLE.find((p) => p.id === id);
export const channel = (id: string): PlaygroundChannel | undefined =>
  CHANNELS.find((c) => c.id === id);

/** The DM between the app and a person (the app's Messages tab). */
export const dmId = (userId: string) => `D${userId.slice(1)}`;
export const dmOwner = (conversationId: string): string | undefined =>
  PEOPLE.find((p) => dmId(p.id) === conversationId)?.id;

export function displayName(id: string): string {
  if (id === BOT.userId) return BOT.name;
  return person(id)?.name ?? id;
}

/** Slack's `tz_offset` (seconds east of UTC) for a zone at a moment. */
export function tzOffsetSeconds(tz: string, at: Date): number {
  const part = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part ?? "");
  if (!match) return 0;
  const sign = match[1] === "-" ? -1 : 1;
  return sign * (Number(match[2]) * 3600 + Number(match[3]) * 60);
}
