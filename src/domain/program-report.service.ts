import type { Clock } from "../clock.js";
import type { AdminDirectory } from "./admin.js";
import type { Auditor } from "./audit-trail.js";
import { DomainError } from "./errors.js";
import { OverdueWhereDue } from "./overdue-where-due.js";
import {
  type ActivityCounts,
  ATTENTION_MISSED_STREAK,
  type AttentionItem,
  type AttentionReason,
  type OpenPair,
  type ProgramReport,
  type ProgramStats,
  QUIET_DAYS,
  REPORT_WINDOW_DAYS,
  rankAttention,
  STALE_REQUEST_DAYS,
} from "./program.js";
import { addWindow, dayOf, type TallyReader, zeroActivity } from "./program-tally.js";
import type { TimeZones } from "./time-zones.js";

export interface ProgramReportDeps {
  stats: ProgramStats;
  tallies: TallyReader;
  admins: Pick<AdminDirectory, "isAdmin">;
  audit: Auditor;
  clock: Clock;
  /** The mentees' zones: "overdue" is judged by today where the mentee is, as on the roadmap. */
  zones: Pick<TimeZones, "ofMany">;
}

const DAY_MS = 24 * 3600 * 1000;

/** What the tallies say of one pair, for "Needs attention". */
interface PairFacts {
  missedStreak: number;
  lastActivityAt: Date | null;
}

/** The program report: counts, the last 30 days against the 30 before, and who needs attention. */
export class ProgramReportService {
  constructor(private readonly deps: ProgramReportDeps) {}

  /** `/mentor program`: admins only, and recorded in the audit trail. */
  async report(actorId: string): Promise<ProgramReport> {
    await this.requireAdmin(actorId);
    const report = await this.build();
    await this.deps.audit.record(actorId, "program.report_viewed", "program");
    return report;
  }

  /** The App Home's "Program" section: the report for admins, nothing for anyone else. */
  async forHome(userId: string): Promise<ProgramReport | null> {
    if (!(await this.deps.admins.isAdmin(userId))) return null;
    return this.build();
  }

  async requireAdmin(actorId: string): Promise<void> {
    if (!(await this.deps.admins.isAdmin(actorId))) throw new DomainError("admins_only");
  }

  private async build(): Promise<ProgramReport> {
    const now = this.deps.clock.now();
    const [counts, tallied, attention] = await Promise.all([
      this.deps.stats.statusCounts(),
      this.tallied(now),
      this.deps.stats.openPairs(),
    ]);
    return {
      at: now,
      counts,
      current: tallied.current,
      previous: tallied.previous,
      attention: await this.attention(now, attention, tallied.facts),
    };
  }

  /**
   * One pass over the pairs' tallies: the two windows (whole UTC days, today
   * the last of the current one) and each pair's streak and last activity.
   */
  private async tallied(now: Date): Promise<{
    current: ActivityCounts;
    previous: ActivityCounts;
    facts: Map<string, PairFacts>;
  }> {
    const day = (daysAgo: number) => dayOf(new Date(now.getTime() - daysAgo * DAY_MS));
    const w = REPORT_WINDOW_DAYS;
    const current = zeroActivity();
    const previous = zeroActivity();
    const facts = new Map<string, PairFacts>();
    for await (const tally of this.deps.tallies.all()) {
      addWindow(current, tally.days, day(w - 1), day(0));
      addWindow(previous, tally.days, day(2 * w - 1), day(w));
      facts.set(tally.relationshipId, {
        missedStreak: tally.missedStreak,
        lastActivityAt: tally.lastActivityAt,
      });
    }
    return { current, previous, facts };
  }

  private async attention(
    now: Date,
    pairs: OpenPair[],
    facts: Map<string, PairFacts>,
  ): Promise<AttentionItem[]> {
    const { stats } = this.deps;
    const [overdue, departed] = await Promise.all([
      this.overdue(now, pairs),
      stats.departed([...new Set(pairs.flatMap((p) => [p.mentorId, p.menteeId]))]),
    ]);
    const quietSince = now.getTime() - QUIET_DAYS * DAY_MS;
    const items: AttentionItem[] = [];
    for (const pair of pairs) {
      const fact = facts.get(pair.relationshipId);
      const reasons = reasonsFor(pair, now, {
        streak: fact?.missedStreak ?? 0,
        overdue: overdue.get(pair.relationshipId) ?? 0,
        active: (fact?.lastActivityAt?.getTime() ?? 0) >= quietSince,
        departed,
      });
      if (reasons.length > 0) items.push({ pair, reasons });
    }
    return rankAttention(items);
  }

  /** Overdue milestones per open pair, each judged by today where the pair's mentee is. */
  private async overdue(now: Date, pairs: OpenPair[]): Promise<Map<string, number>> {
    const rule = new OverdueWhereDue(this.deps.zones, now);
    const found = await this.deps.stats.overdueMilestones(rule.everywhereBefore, rule.nowhereAfter);
    const menteeOf = new Map(pairs.map((p) => [p.relationshipId, p.menteeId]));
    const near = found.near.flatMap((m) => {
      const menteeId = menteeOf.get(m.relationshipId);
      return menteeId ? [{ ...m, menteeId }] : [];
    });
    const judged = await rule.judge(near);
    const counts = found.before;
    near.forEach((m, i) => {
      if (judged[i]) counts.set(m.relationshipId, (counts.get(m.relationshipId) ?? 0) + 1);
    });
    return counts;
  }
}

function reasonsFor(
  pair: OpenPair,
  now: Date,
  facts: { streak: number; overdue: number; active: boolean; departed: Set<string> },
): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  const daysSince = (at: Date) => Math.floor((now.getTime() - at.getTime()) / DAY_MS);
  const left = [pair.mentorId, pair.menteeId].filter((id) => facts.departed.has(id));
  if (left.length > 0) reasons.push({ kind: "member_left", userIds: left });
  if (pair.status === "pending") {
    const days = daysSince(pair.createdAt);
    if (days >= STALE_REQUEST_DAYS) reasons.push({ kind: "stale_request", days });
    return reasons;
  }
  if (facts.streak >= ATTENTION_MISSED_STREAK) {
    reasons.push({ kind: "missed_streak", count: facts.streak });
  }
  if (facts.overdue) reasons.push({ kind: "milestones_overdue", count: facts.overdue });
  // A paused pair is quiet on purpose; a pair younger than the window has had no time.
  const since = pair.activatedAt ?? pair.createdAt;
  if (pair.status === "active" && daysSince(since) >= QUIET_DAYS && !facts.active) {
    reasons.push({ kind: "no_activity", days: QUIET_DAYS });
  }
  return reasons;
}
