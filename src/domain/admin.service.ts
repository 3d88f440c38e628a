import { DomainError } from "./errors.js";

export interface FailedWork {
  name: string;
  jobId: string;
  data: Record<string, unknown>;
  reason: string;
  attempts: number;
  failedAt: Date;
}

/** What program admins can see of the machinery: work that failed for good, and why. */
export class AdminService {
  constructor(
    private readonly deps: {
      failedJobs: { latest(limit: number): Promise<FailedWork[]> };
      adminUserIds: readonly string[];
    },
  ) {}

  async recentFailures(actorId: string, limit = 10): Promise<FailedWork[]> {
    if (!this.deps.adminUserIds.includes(actorId)) throw new DomainError("admins_only");
    return this.deps.failedJobs.latest(limit);
  }
}
