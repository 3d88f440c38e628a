/** A job that used up its attempts, with why: kept where program admins can read it. */
export interface FailedJob {
  queue: string;
  name: string;
  jobId: string;
  data: Record<string, unknown>;
  reason: string;
  attempts: number;
  failedAt: Date;
}

/** Port: where failed jobs are kept (and purged after their retention). */
export interface FailedJobStore {
  record(job: FailedJob): Promise<void>;
  /** Newest first. */
  latest(limit: number): Promise<FailedJob[]>;
}

/** Failed work, with the people it was for (so admins can tell who missed out). */
export interface FailedWorkFor extends FailedJob {
  people: string[];
}

/** Port: who a failed job was for, from the ids in its payload. */
export interface FailedWorkPeople {
  peopleFor(work: FailedJob): Promise<string[]>;
}
