import type { WebClient } from "@slack/web-api";
import { programHomeBlocks } from "./messages/program.messages.js";
import type { Services } from "./services.js";
import { appHomeView } from "./views/app-home.view.js";

/** Renders and publishes one person's App Home. views.publish replaces it whole, so repeats are harmless. */
export async function publishHome(
  client: WebClient,
  services: Services,
  userId: string,
): Promise<void> {
  const [entries, today, program] = await Promise.all([
    services.roadmap.homeFor(userId),
    services.roadmap.todayFor(userId),
    services.program.forHome(userId),
  ]);
  const ids = entries.map((e) => e.roadmap.relationshipId);
  const [checkins, introductions, exchanges, owed] = await Promise.all([
    perPair(ids, (id) => services.checkins.summary(id)),
    perPair(ids, (id) => services.introductions.recent(id)),
    perPair(ids, (id) => services.exchanges.recent(id)),
    services.feedback.owedBy(userId),
  ]);
  // An admin's program comes first: it stays whole when many mentorships fill the view.
  const lead = program ? programHomeBlocks(program) : [];
  // Read only for someone in no mentorship, the one Home that shows them.
  const [pending, admins] =
    entries.length === 0
      ? await Promise.all([services.pairing.pendingFor(userId), services.admin.contacts()])
      : [[], []];
  const start = { isAdmin: program !== null, pending, admins };
  const view = appHomeView(
    userId,
    entries,
    today,
    checkins,
    introductions,
    owed,
    lead,
    exchanges,
    start,
  );
  await client.views.publish({ user_id: userId, view });
}

/** After a change to a pair's roadmap, both of them (and the admin who made it) see it at once. */
export async function publishHomes(
  client: WebClient,
  services: Services,
  userIds: readonly string[],
): Promise<void> {
  await Promise.all([...new Set(userIds)].map((userId) => publishHome(client, services, userId)));
}

/** One lookup per pair on the Home, run together, keyed by the pair's id. */
async function perPair<T>(
  ids: readonly string[],
  load: (relationshipId: string) => Promise<T>,
): Promise<Map<string, T>> {
  return new Map(await Promise.all(ids.map(async (id) => [id, await load(id)] as const)));
}
