import type { RoadmapPreviews } from "../domain/relationship.js";
import { type Milestone, openMilestonesOf } from "../domain/roadmap.js";
import type { LatestNotesWritten, MilestoneRepository } from "./milestones/milestone.repository.js";

/**
 * The milestones, with every write that can change what a check-in shows of a roadmap (which
 * milestones are open, their order, titles and due dates) counted on its pair once it landed,
 * and the open milestones then read and kept on the pair under the new count (see
 * RoadmapPreviews). A note (`latestNote`), a description, a share answer or a shout-out's time
 * changes none of it, and costs nothing more.
 */
export function withRoadmapRevisions(
  milestones: MilestoneRepository,
  previews: RoadmapPreviews,
): MilestoneRepository {
  const changed = async (relationshipId: string) => {
    const rev = await previews.roadmapChanged(relationshipId);
    // Read after the count: it sees every change counted up to it (and maybe a later one).
    if (rev !== null) {
      const open = openMilestonesOf(await milestones.list(relationshipId));
      await previews.saveOpenMilestones(relationshipId, rev, open);
    }
  };
  return new Proxy(milestones, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      switch (property) {
        case "add":
          return async (relationshipId: string, ...rest: unknown[]) => {
            try {
              return await value.call(target, relationshipId, ...rest);
            } finally {
              // Even when it failed: it may have landed before the error reached us.
              await changed(relationshipId);
            }
          };
        case "update":
          return async (id: string, changes: Record<string, unknown>, ...rest: unknown[]) => {
            const updated: Milestone | null = await value.call(target, id, changes, ...rest);
            if (updated && ("title" in changes || "dueDate" in changes)) {
              await changed(updated.relationshipId);
            }
            return updated;
          };
        case "setLatestNotes":
          return async (...args: unknown[]) => {
            const written: LatestNotesWritten = await value.apply(target, args);
            // A note never changes what a check-in shows, unless its write undid a "done" (or a reopen).
            const pairs = new Set(written.restored.map((m) => m.relationshipId));
            for (const pair of pairs) await changed(pair);
            return written;
          };
        case "changeStatus":
        case "remove":
          return async (...args: unknown[]) => {
            const written: Milestone | null = await value.apply(target, args);
            if (written) await changed(written.relationshipId);
            return written;
          };
        default:
          return value.bind(target);
      }
    },
  });
}
