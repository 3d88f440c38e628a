import type { WebClient } from "@slack/web-api";
import { slackErrorCode } from "./slack-errors.js";

/** DM channel ids already opened, by the user id(s) given to conversations.open. */
export interface DmChannelStore {
  get(users: string): Promise<string | null>;
  set(users: string, channel: string): Promise<void>;
  forget(users: string): Promise<void>;
}

/** Remembers nothing: every DM opens its channel (tests of one sender alone). */
export const noDmChannelStore: DmChannelStore = {
  get: async () => null,
  set: async () => {},
  forget: async () => {},
};

/**
 * Runs `use` in the DM channel with `users` ("U1", or "U1,U2" for a group DM):
 * the remembered one, else a conversations.open (Tier 3) whose id is then
 * remembered, so it runs once per person, not once per message. A remembered
 * channel Slack no longer knows fails with channel_not_found before anything
 * was done in it: it is forgotten, opened afresh, and `use` runs once more.
 */
export async function inDmChannel<T>(
  client: WebClient,
  store: DmChannelStore,
  users: string,
  use: (channel: string) => Promise<T>,
): Promise<T> {
  const cached = await store.get(users);
  try {
    return await use(cached ?? (await openDm(client, store, users)));
  } catch (error) {
    if (!cached || slackErrorCode(error) !== "channel_not_found") throw error;
    await store.forget(users);
    return use(await openDm(client, store, users));
  }
}

async function openDm(client: WebClient, store: DmChannelStore, users: string): Promise<string> {
  const opened = await client.conversations.open({ users });
  const channel = opened.channel?.id;
  if (!channel) throw new Error("conversations.open returned no channel");
  await store.set(users, channel);
  return channel;
}
