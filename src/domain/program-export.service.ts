import type { Clock } from "../clock.js";
import type { AdminDirectory } from "./admin.js";
import type { Auditor } from "./audit-trail.js";
import { DomainError } from "./errors.js";
import {
  type ExportFile,
  type ExportKind,
  type ExportRows,
  type FileDelivery,
  type FileWriter,
  UploadRefusedError,
} from "./export.js";
import {
  CHECKIN_COLUMNS,
  checkinCells,
  MILESTONE_COLUMNS,
  mapRows,
  milestoneCells,
  PAIR_COLUMNS,
  pairCells,
} from "./export-columns.js";
import type { JobEnqueuer } from "./jobs.js";
import { OverdueWhereDue } from "./overdue-where-due.js";
import type { TimeZones } from "./time-zones.js";

export interface ExportDeps {
  rows: ExportRows;
  files: FileWriter;
  delivery: FileDelivery;
  admins: Pick<AdminDirectory, "isAdmin">;
  jobs: JobEnqueuer;
  audit: Auditor;
  clock: Clock;
  /** The mentees' zones: "overdue" is judged by today where the mentee is, as on the roadmap. */
  zones: Pick<TimeZones, "ofMany">;
}

/** One request a minute per person: a double-typed command makes one export. */
export function requestKeyAt(now: Date): string {
  return String(Math.floor(now.getTime() / 60_000));
}

/** Writes files, shares them in the person's DM, and cleans up; a refusal is told, not retried. */
export async function deliverFiles(
  deps: Pick<ExportDeps, "files" | "delivery">,
  userId: string,
  key: string,
  kind: ExportKind,
  write: (written: ExportFile[]) => Promise<void>,
): Promise<{ shared: ExportFile[] } | { refused: string }> {
  const written: ExportFile[] = [];
  try {
    await write(written);
    await deps.delivery.share(userId, key, kind, written);
    return { shared: written };
  } catch (error) {
    if (!(error instanceof UploadRefusedError)) throw error;
    await deps.delivery.refused(userId, key, kind, error.code);
    return { refused: error.code };
  } finally {
    await deps.files.discard(written);
  }
}

/** `/mentor export`: the program's pairs, milestones and check-ins as CSV files, for admins. */
export class ProgramExportService {
  constructor(private readonly deps: ExportDeps) {}

  /** Queues the export (the reply comes at once; the files follow in a DM). */
  async request(actorId: string): Promise<void> {
    const { admins, jobs, audit, clock } = this.deps;
    if (!(await admins.isAdmin(actorId))) throw new DomainError("admins_only");
    const requestKey = requestKeyAt(clock.now());
    // Recorded first: the job may run (and record its outcome) before enqueue returns.
    await audit.record(actorId, "program.export_requested", "program", {
      requestKey,
    });
    await jobs.enqueue("exports.program", { userId: actorId, requestKey });
  }

  /** The job: stream each CSV to a temporary file, then share all three at once. */
  async run(userId: string, requestKey: string): Promise<void> {
    const { rows, files, audit, clock } = this.deps;
    // Someone removed as admin since asking gets nothing.
    if (!(await this.deps.admins.isAdmin(userId))) return;
    const overdue = new OverdueWhereDue(this.deps.zones, clock.now());
    const key = `export:program:${userId}:${requestKey}`;
    const outcome = await deliverFiles(this.deps, userId, key, "program", async (written) => {
      written.push(
        await files.csv(
          "pairs.csv",
          "Pairs",
          PAIR_COLUMNS,
          mapRows(rows.pairs(overdue), pairCells),
        ),
      );
      written.push(
        await files.csv(
          "milestones.csv",
          "Milestones",
          MILESTONE_COLUMNS,
          mapRows(rows.milestones(overdue), milestoneCells),
        ),
      );
      written.push(
        await files.csv(
          "checkins.csv",
          "Check-ins",
          CHECKIN_COLUMNS,
          mapRows(rows.checkins(), checkinCells),
        ),
      );
    });
    const details =
      "refused" in outcome
        ? { requestKey, refused: outcome.refused }
        : {
            requestKey,
            ...Object.fromEntries(
              outcome.shared.map((f) => [f.filename.replace(/\.\w+$/, ""), f.rows]),
            ),
          };
    const action = "refused" in outcome ? "program.export_refused" : "program.exported";
    await audit.record(userId, action, "program", details);
  }
}
