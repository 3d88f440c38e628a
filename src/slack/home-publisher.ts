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
  const checkins = new Map(
    await Promise.all(
      entries.map(
        async (e) =>
          [
            e.roadmap.relationshipId,
            await services.checkins.summary(e.roadmap.relationshipId),
          ] as const,
      ),
    ),
  );
  const introductions = new Map(
    await Promise.all(
      entries.map(
        async (e) =>
          [
            e.roadmap.relationshipId,
            await services.introductions.recent(e.roadmap.relationshipId),
          ] as const,
      ),
    ),
  );
  const exchanges = new Map(
    await Promise.all(
      entries.map(
        async (e) =>
          [
            e.roadmap.relationshipId,
            await services.exchanges.recent(e.roadmap.relationshipId),
          ] as const,
      ),
    ),
  );
  const owed = await services.feedback.owedBy(userId);
  // An admin's program comes first: it stays whole when many mentorships fill the view.
  const lead = program ? programHomeBlocks(program) : [];
  const view = appHomeView(userId, entries, today, checkins, introductions, owed, lead, exchanges);
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
