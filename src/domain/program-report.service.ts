import type { Clock } from "../clock.js";
import type { AdminDirectory } from "./admin.js";
import { type AuditTrail, recordAudit } from "./audit-trail.js";
import { todayIn } from "./calendar-date.js";
import { DomainError } from "./errors.js";
import {
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

export interface ProgramReportDeps {
  stats: ProgramStats;
  admins: Pick<AdminDirectory, "isAdmin">;
  audit: AuditTrail;
  clock: Clock;
  defaultTimezone: string;
}

const DAY_MS = 24 * 3600 * 1000;
/** Far enough back to see two monthly check-ins in a row. */
const STREAK_LOOKBACK_DAYS = 120;

/** The program report: counts, the last 30 days against the 30 before, and who needs attention. */
export class ProgramReportService {
  constructor(private readonly deps: ProgramReportDeps) {}

  /** `/mentor program`: admins only, and recorded in the audit trail. */
  async report(actorId: string): Promise<ProgramReport> {
    await this.requireAdmin(actorId);
    const report = await this.build();
    await recordAudit(
      this.deps.audit,
      this.deps.clock,
      actorId,
      "program.report_viewed",
      "program",
    );
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
    const { stats, clock } = this.deps;
    const now = clock.now();
    const window = REPORT_WINDOW_DAYS * DAY_MS;
    const start = new Date(now.getTime() - window);
    const [counts, current, previous, attention] = await Promise.all([
      stats.statusCounts(),
      stats.activity(start, now),
      stats.activity(new Date(start.getTime() - window), start),
      this.attention(now),
    ]);
    return { at: now, counts, current, previous, attention };
  }

  private async attention(now: Date): Promise<AttentionItem[]> {
    const { stats } = this.deps;
    const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const pairs = await stats.openPairs();
    const [streaks, overdue, active, departed] = await Promise.all([
      stats.missedStreaks(ago(STREAK_LOOKBACK_DAYS), ATTENTION_MISSED_STREAK),
      stats.overdueMilestones(todayIn(this.deps.defaultTimezone, now)),
      stats.activeSince(ago(QUIET_DAYS)),
      stats.departed([...new Set(pairs.flatMap((p) => [p.mentorId, p.menteeId]))]),
    ]);
    const items: AttentionItem[] = [];
    for (const pair of pairs) {
      const reasons = reasonsFor(pair, now, { streaks, overdue, active, departed });
      if (reasons.length > 0) items.push({ pair, reasons });
    }
    return rankAttention(items);
  }
}

function reasonsFor(
  pair: OpenPair,
  now: Date,
  facts: {
    streaks: Map<string, number>;
    overdue: Map<string, number>;
    active: Set<string>;
    departed: Set<string>;
  },
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
  const streak = facts.streaks.get(pair.relationshipId);
  if (streak) reasons.push({ kind: "missed_streak", count: streak });
  const overdue = facts.overdue.get(pair.relationshipId);
  if (overdue) reasons.push({ kind: "milestones_overdue", count: overdue });
  // A paused pair is quiet on purpose; a pair younger than the window has had no time.
  const since = pair.activatedAt ?? pair.createdAt;
  if (
    pair.status === "active" &&
    daysSince(since) >= QUIET_DAYS &&
    !facts.active.has(pair.relationshipId)
  ) {
    reasons.push({ kind: "no_activity", days: QUIET_DAYS });
  }
  return reasons;
}
