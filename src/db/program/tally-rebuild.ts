import type { Connection } from "mongoose";
import { firstKeptDay, TallyBuilder, type TallyEvent } from "../../domain/program-tally.js";
import type { PairTallyRepository } from "./pair-tally.repository.js";

// Raw documents from the driver: the fields read are those the schemas in db/ declare.
// biome-ignore lint/suspicious/noExplicitAny: each source maps its fields to events below.
type Doc = Record<string, any>;

/** Each source collection, what to read of it, and the events each document stands for. */
const SOURCES: Array<{
  collection: string;
  filter: Doc;
  projection: Doc;
  events: (doc: Doc) => Array<Omit<TallyEvent, "relationshipId" | "sourceId">>;
}> = [
  {
    collection: "checkins",
    filter: { sentAt: { $ne: null } },
    projection: { relationshipId: 1, status: 1, sentAt: 1, scheduledFor: 1, answer: 1 },
    events: (c) => [
      { kind: "checkin_sent", at: c.sentAt },
      ...(c.status === "answered" && c.answer
        ? [
            {
              kind: "checkin_answered" as const,
              at: c.answer.at,
              countsOn: c.sentAt,
              answerKind: c.answer.kind,
            },
          ]
        : []),
      // A miss is ordered by its slot, like the streak the scheduler announces.
      ...(c.status === "missed" ? [{ kind: "checkin_missed" as const, at: c.scheduledFor }] : []),
    ],
  },
  {
    collection: "milestones",
    filter: { status: "done", removedAt: null },
    projection: { relationshipId: 1, doneAt: 1 },
    events: (m) => (m.doneAt ? [{ kind: "milestone_reached", at: m.doneAt }] : []),
  },
  {
    collection: "progress_entries",
    filter: {},
    projection: { relationshipId: 1, at: 1 },
    events: (p) => [{ kind: "progress_logged", at: p.at }],
  },
  {
    collection: "feedback_requests",
    filter: { askedAt: { $ne: null } },
    projection: { relationshipId: 1, askedAt: 1 },
    events: (r) => [{ kind: "feedback_asked", at: r.askedAt }],
  },
  {
    collection: "feedback_entries",
    filter: {},
    projection: { relationshipId: 1, createdAt: 1 },
    events: (e) => [{ kind: "feedback_given", at: e.createdAt }],
  },
  {
    collection: "introductions",
    // Counted once sent (introduction.service.ts): one whose partner left went nowhere.
    filter: { sentAt: { $ne: null } },
    projection: { relationshipId: 1, kind: 1, createdAt: 1 },
    events: (i) => [
      {
        kind: i.kind === "introduction" ? "introduction_made" : "introduction_requested",
        at: i.createdAt,
      },
    ],
  },
];

/**
 * Rebuilds every pair's tally from the history: on the first start after an
 * upgrade, and for a program seeded straight into the database. One pass over
 * each source collection; memory holds one small tally a pair, not the history.
 */
export async function rebuildTallies(
  connection: Connection,
  tallies: PairTallyRepository,
  now: Date,
): Promise<{ pairs: number }> {
  const builder = new TallyBuilder(firstKeptDay(now));
  for (const source of SOURCES) {
    const cursor = connection
      .collection(source.collection)
      .find(source.filter, { projection: source.projection });
    for await (const doc of cursor) {
      if (!doc.relationshipId) continue;
      for (const event of source.events(doc)) {
        if (!(event.at instanceof Date)) continue;
        builder.add({
          ...event,
          relationshipId: String(doc.relationshipId),
          sourceId: String(doc._id),
        });
      }
    }
  }
  return { pairs: await tallies.replaceAll(builder.tallies()) };
}
