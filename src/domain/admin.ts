/**
 * Program admins: the bootstrap ones from ADMIN_USER_IDS (always admins) and
 * those added in the app. Every admin check and every "tell the admins" asks
 * the one AdminDirectory, so an admin added or removed on one replica counts
 * on every replica at the next request.
 */
export interface ProgramAdmin {
  userId: string;
  /** From ADMIN_USER_IDS: can't be removed in the app. */
  bootstrap: boolean;
  addedBy: string | null;
  addedAt: Date | null;
}

/** The port every admin check uses. */
export interface AdminDirectory {
  isAdmin(userId: string): Promise<boolean>;
  /** Every admin, bootstrap ones first; each person once. */
  list(): Promise<ProgramAdmin[]>;
}

/** The port AdminService manages admins through: the directory, plus adding and removing. */
export interface AdminRoster extends AdminDirectory {
  /** From ADMIN_USER_IDS: can't be added or removed in the app. */
  isBootstrap(userId: string): boolean;
  /** False if they were already stored. */
  add(userId: string, addedBy: string, now: Date): Promise<boolean>;
  /** False if they were not stored. */
  remove(userId: string): Promise<boolean>;
}

/** Admins added in the app, kept in MongoDB. */
export interface AdminStore {
  find(userId: string): Promise<ProgramAdmin | null>;
  list(): Promise<ProgramAdmin[]>;
  /** False if they were already stored (a unique key arbitrates racing adds). */
  add(userId: string, addedBy: string, now: Date): Promise<boolean>;
  /** False if they were not stored. */
  remove(userId: string): Promise<boolean>;
}

/**
 * AdminRoster over the bootstrap list and the store. No in-process cache:
 * a check is one `_id` lookup (bootstrap admins need none), cheap enough for
 * the few admin checks a request makes, and never stale on another replica.
 */
export class ProgramAdmins implements AdminRoster {
  private readonly bootstrap: ReadonlySet<string>;

  constructor(
    private readonly store: AdminStore,
    bootstrapIds: readonly string[],
  ) {
    this.bootstrap = new Set(bootstrapIds);
  }

  isBootstrap(userId: string): boolean {
    return this.bootstrap.has(userId);
  }

  async isAdmin(userId: string): Promise<boolean> {
    return this.bootstrap.has(userId) || (await this.store.find(userId)) !== null;
  }

  async list(): Promise<ProgramAdmin[]> {
    const stored = (await this.store.list()).filter((a) => !this.bootstrap.has(a.userId));
    const fixed = [...this.bootstrap].map(
      (userId): ProgramAdmin => ({ userId, bootstrap: true, addedBy: null, addedAt: null }),
    );
    return [...fixed, ...stored];
  }

  add(userId: string, addedBy: string, now: Date): Promise<boolean> {
    return this.store.add(userId, addedBy, now);
  }

  remove(userId: string): Promise<boolean> {
    return this.store.remove(userId);
  }
}

/** The ids to tell when something needs an admin's eye. */
export async function adminIds(directory: AdminDirectory): Promise<string[]> {
  return (await directory.list()).map((a) => a.userId);
}
