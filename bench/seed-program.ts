// Seeds a program with a realistic history straight into MongoDB (bulk inserts in the shapes the
// schemas in src/db/ declare): pairs started over the last year, weekly check-ins with a mix of
// answers and misses, milestones (some done, some overdue), progress notes, feedback and
// introductions, and a few people who left. Deterministic: the same size gives the same program.
import mongoose, { type Connection } from "mongoose";

const DAY = 24 * 3600 * 1000;
const WEEK = 7 * DAY;

export interface SeedCounts {
  pairs: number;
  people: number;
  checkins: number;
  milestones: number;
  progress: number;
  feedbackRequests: number;
  feedbackEntries: number;
  introductions: number;
}

/** mulberry32: a small seeded PRNG, so every run seeds the same program. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ASPIRATIONS = [
  "Lead a platform team",
  "Move from engineering to product management",
  'Become a "staff" engineer, then principal',
  "Speak at an international conference",
  "Run the on-call rotation, end to end",
];
const MILESTONES = [
  "Finish the AWS certification",
  "Give a talk at the guild",
  "Lead a retro",
  "Write the design doc for search",
  "Mentor an intern",
  "Ship the billing migration",
  "=SUM(A1:A9) budget review",
  "Shadow the product manager for a week",
];
const NOTES = ["Booked the exam", "Draft shared with the team", "Halfway, on schedule", ""];

const dateOnly = (at: Date) => at.toISOString().slice(0, 10);

/** Inserts `pairs` pairs and their history, as of `now`. Returns how much was written. */
export async function seedProgram(
  connection: Connection,
  pairs: number,
  now: Date,
): Promise<SeedCounts> {
  const rand = random(pairs);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const counts: SeedCounts = {
    pairs,
    people: pairs * 2,
    checkins: 0,
    milestones: 0,
    progress: 0,
    feedbackRequests: 0,
    feedbackEntries: 0,
    introductions: 0,
  };
  const people = [];
  for (let n = 0; n < pairs; n++) {
    for (const kind of ["M", "E"] as const) {
      const id = `US${kind}${String(n).padStart(5, "0")}`;
      people.push({
        slackUserId: id,
        displayName:
          n % 50 === 7 ? `${kind === "M" ? "Maria" : "Sam"}, "the" ${n}` : id.toLowerCase(),
        realName: `Person ${id}`,
        timezone: pick(["Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC"]),
        isBot: false,
        // About one person in a hundred has left the workspace.
        deleted: rand() < 0.01,
        refreshedAt: now,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  await connection.collection("people").insertMany(people);

  const relationships = [];
  for (let n = 0; n < pairs; n++) {
    const roll = rand();
    const status =
      roll < 0.05 ? "pending" : roll < 0.1 ? "paused" : roll < 0.2 ? "ended" : "active";
    const createdAt = new Date(
      now.getTime() - (status === "pending" ? rand() * 14 : 30 + rand() * 335) * DAY,
    );
    const mentorId = `USM${String(n).padStart(5, "0")}`;
    const menteeId = `USE${String(n).padStart(5, "0")}`;
    const _id = new mongoose.Types.ObjectId();
    const endedAt =
      status === "ended"
        ? new Date(createdAt.getTime() + (now.getTime() - createdAt.getTime()) * rand())
        : null;
    relationships.push({
      _id,
      mentorId,
      menteeId,
      status,
      pairKey: status === "ended" ? `ended:${_id}` : [mentorId, menteeId].sort().join(":"),
      createdBy: "UADMIN01",
      requestedBy: status === "pending" ? mentorId : null,
      awaitingUserId: status === "pending" ? menteeId : null,
      endReason: status === "ended" ? "Goal reached" : null,
      activatedAt: status === "pending" ? null : createdAt,
      endedAt,
      goal:
        status === "pending"
          ? null
          : {
              aspiration: pick(ASPIRATIONS),
              targetDate: "2027-12-31",
              updatedAt: createdAt,
              updatedBy: menteeId,
            },
      cadence: null,
      nextCheckinAt: null,
      checkinsPaused: status === "paused",
      // The due index (src/domain/due-index.ts): every sweep looks at an active pair.
      dueBucket: status === "active" ? 0 : -1,
      skipNextCheckin: false,
      settings: {},
      reflections: {},
      createdAt,
      updatedAt: createdAt,
    });
  }
  await connection.collection("relationships").insertMany(relationships);

  for (const r of relationships) {
    if (r.status === "pending") continue;
    const id = String(r._id);
    const until = (r.endedAt ?? now).getTime();
    // A pair that stops answering keeps missing: some pairs are in trouble on purpose.
    const struggling = rand() < 0.1;
    const checkins = [];
    let sequence = 0;
    for (let at = r.createdAt.getTime() + WEEK; at < until; at += WEEK) {
      sequence += 1;
      const scheduledFor = new Date(at);
      const late = struggling && until - at < 5 * WEEK;
      const roll = rand();
      const outcome =
        late || roll < 0.12
          ? "missed"
          : roll < 0.22
            ? "need_help"
            : roll < 0.27
              ? "progress"
              : "on_track";
      checkins.push({
        relationshipId: id,
        mentorId: r.mentorId,
        menteeId: r.menteeId,
        slot: scheduledFor.toISOString(),
        scheduledFor,
        sequence,
        status: outcome === "missed" ? "missed" : "answered",
        sentAt: scheduledFor,
        message: null,
        remindAt: null,
        remindedAt: null,
        missAt: null,
        answer:
          outcome === "missed"
            ? null
            : {
                kind: outcome,
                note: outcome === "need_help" ? 'Stuck on "the" exam, can we talk?' : "",
                milestoneTitles: [],
                by: r.menteeId,
                at: new Date(at + 3 * 3600 * 1000),
              },
        createdAt: scheduledFor,
      });
    }
    if (checkins.length) await connection.collection("checkins").insertMany(checkins);
    counts.checkins += checkins.length;

    const milestones = [];
    const progress = [];
    const total = 3 + Math.floor(rand() * 6);
    for (let position = 1; position <= total; position++) {
      const due = new Date(r.createdAt.getTime() + position * 6 * WEEK);
      const done = due.getTime() < until && rand() < 0.6;
      const doneAt = done ? new Date(Math.min(until - DAY, due.getTime() - rand() * WEEK)) : null;
      const mId = new mongoose.Types.ObjectId();
      milestones.push({
        _id: mId,
        relationshipId: id,
        position,
        title: pick(MILESTONES),
        description: "",
        dueDate: dateOnly(due),
        status: done ? "done" : rand() < 0.5 ? "in_progress" : "planned",
        doneAt,
        latestNote: null,
        createdBy: r.menteeId,
        createdAt: r.createdAt,
        updatedAt: doneAt ?? r.createdAt,
        removedAt: null,
      });
      if (doneAt) {
        progress.push({
          relationshipId: id,
          milestoneId: String(mId),
          authorId: r.menteeId,
          kind: "done",
          text: pick(NOTES),
          at: doneAt,
        });
      }
      if (rand() < 0.5) {
        const at = new Date(r.createdAt.getTime() + rand() * (until - r.createdAt.getTime()));
        progress.push({
          relationshipId: id,
          milestoneId: String(mId),
          authorId: pick([r.mentorId, r.menteeId]),
          kind: "log",
          text: pick(NOTES) || "Progress",
          at,
        });
      }
    }
    await connection.collection("milestones").insertMany(milestones);
    if (progress.length) await connection.collection("progress_entries").insertMany(progress);
    counts.milestones += milestones.length;
    counts.progress += progress.length;

    const requests = [];
    const entries = [];
    for (let at = r.createdAt.getTime() + 3 * WEEK; at < until; at += 6 * WEEK) {
      const askedAt = new Date(at);
      const reqId = new mongoose.Types.ObjectId();
      const given = rand() < 0.7 && at + DAY < until;
      requests.push({
        _id: reqId,
        relationshipId: id,
        requesterId: r.menteeId,
        giverId: r.mentorId,
        topic: pick(["Quarterly demo", "Design review", "All-hands talk"]),
        promptAt: askedAt,
        status: given ? "answered" : "expired",
        askedAt,
        message: null,
        remindAt: null,
        remindedAt: null,
        expiresAt: new Date(at + WEEK),
        createdAt: askedAt,
      });
      if (given) {
        entries.push({
          dedupeKey: `request:${reqId}`,
          requestId: String(reqId),
          relationshipId: id,
          giverId: r.mentorId,
          recipientId: r.menteeId,
          topic: "Quarterly demo",
          wentWell: "Clear story, good pacing",
          toImprove: "@here less jargon, please",
          rating: 4,
          nextStep: "Rehearse once more",
          createdAt: new Date(at + DAY),
        });
      }
    }
    if (requests.length) await connection.collection("feedback_requests").insertMany(requests);
    if (entries.length) await connection.collection("feedback_entries").insertMany(entries);
    counts.feedbackRequests += requests.length;
    counts.feedbackEntries += entries.length;

    const intros = [];
    for (let i = 0; i < Math.floor(rand() * 3); i++) {
      const createdAt = new Date(r.createdAt.getTime() + rand() * (until - r.createdAt.getTime()));
      intros.push({
        relationshipId: id,
        kind: "introduction",
        mentorId: r.mentorId,
        menteeId: r.menteeId,
        personId: `USM${String(Math.floor(rand() * pairs)).padStart(5, "0")}`,
        text: "She ran our AWS migration",
        createdBy: r.mentorId,
        createdAt,
        sentAt: createdAt,
      });
    }
    if (intros.length) await connection.collection("introductions").insertMany(intros);
    counts.introductions += intros.length;
  }
  return counts;
}
