import type { Clock } from "../clock.js";
import { type AdminRoster, adminIds, type ProgramAdmin } from "./admin.js";
import type { Auditor } from "./audit-trail.js";
import { DomainError } from "./errors.js";
import type { FailedJobStore, FailedWorkFor, FailedWorkPeople } from "./failed-work.js";
import type { UserDirectory } from "./people.js";

export interface AdminServiceDeps {
  admins: AdminRoster;
  failedJobs: Pick<FailedJobStore, "latest">;
  people: FailedWorkPeople;
  directory: UserDirectory;
  audit: Auditor;
  clock: Clock;
}

/** What program admins run: who the admins are, and work that failed for good. */
export class AdminService {
  constructor(private readonly deps: AdminServiceDeps) {}

  /** Whether to show someone the admin commands (the commands themselves check again). */
  isAdmin(userId: string): Promise<boolean> {
    return this.deps.admins.isAdmin(userId);
  }

  async recentFailures(actorId: string, limit = 10): Promise<FailedWorkFor[]> {
    await this.requireAdmin(actorId);
    const failures = await this.deps.failedJobs.latest(limit);
    return Promise.all(
      failures.map(async (work) => ({ ...work, people: await this.deps.people.peopleFor(work) })),
    );
  }

  /**
   * Who to ask for a pairing or help: anyone may know, since messages that say "ask a program
   * admin" name them (`listAdmins` shows admins the details).
   */
  contacts(): Promise<string[]> {
    return adminIds(this.deps.admins);
  }

  async listAdmins(actorId: string): Promise<ProgramAdmin[]> {
    await this.requireAdmin(actorId);
    return this.deps.admins.list();
  }

  async addAdmin(actorId: string, userId: string): Promise<void> {
    await this.requireAdmin(actorId);
    const person = await this.deps.directory.lookup(userId);
    if (!person || person.deleted) throw new DomainError("unknown_user", { userId });
    if (person.isBot) throw new DomainError("bot_user", { userId });
    if (this.deps.admins.isBootstrap(userId)) throw new DomainError("already_admin", { userId });
    const added = await this.deps.admins.add(userId, actorId, this.deps.clock.now());
    if (!added) throw new DomainError("already_admin", { userId });
    await this.deps.audit.record(actorId, "admin.added", userId);
  }

  async removeAdmin(actorId: string, userId: string): Promise<void> {
    await this.requireAdmin(actorId);
    if (this.deps.admins.isBootstrap(userId)) {
      throw new DomainError("bootstrap_admin", { userId });
    }
    if (!(await this.deps.admins.isAdmin(userId)))
      throw new DomainError("not_an_admin", { userId });
    // Someone must be left to run the program. (Another admin can still remove them.)
    if (userId === actorId && (await this.deps.admins.list()).length <= 1) {
      throw new DomainError("last_admin");
    }
    if (!(await this.deps.admins.remove(userId))) throw new DomainError("not_an_admin", { userId });
    await this.deps.audit.record(actorId, "admin.removed", userId);
  }

  async requireAdmin(actorId: string): Promise<void> {
    if (!(await this.deps.admins.isAdmin(actorId))) throw new DomainError("admins_only");
  }
}
