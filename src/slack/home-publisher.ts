import type { WebClient } from "@slack/web-api";
import type { Services } from "./services.js";
import { appHomeView } from "./views/app-home.view.js";

/** Renders and publishes one person's App Home. views.publish replaces it whole, so repeats are harmless. */
export async function publishHome(
  client: WebClient,
  services: Services,
  userId: string,
): Promise<void> {
  const [entries, today] = await Promise.all([
    services.roadmap.homeFor(userId),
    services.roadmap.todayFor(userId),
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
  await client.views.publish({
    user_id: userId,
    view: appHomeView(userId, entries, today, checkins),
  });
}
