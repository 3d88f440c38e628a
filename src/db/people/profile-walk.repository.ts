import type { Collection, Connection } from "mongoose";
import type { ProfileWalk, ProfileWalkStore } from "../../domain/people.js";

interface WalkDoc extends ProfileWalk {
  _id: string;
}

/** The periodic users.list walk (profile-refresh.ts): one document, found by `_id`. */
const WALK = "users.list.walk";

export class ProfileWalkRepository implements ProfileWalkStore {
  constructor(private readonly connection: Connection) {}

  async read(): Promise<ProfileWalk | null> {
    const doc = await this.walks().findOne({ _id: WALK });
    if (!doc) return null;
    return {
      startedAt: doc.startedAt,
      cursor: doc.cursor ?? null,
      pages: doc.pages ?? 0,
      savedAt: doc.savedAt,
      finishedAt: doc.finishedAt ?? null,
    };
  }

  async save(walk: ProfileWalk): Promise<void> {
    await this.walks().updateOne({ _id: WALK }, { $set: walk }, { upsert: true });
  }

  /** Beside the listing document (person.repository.ts), which holds who was seen when. */
  private walks(): Collection<WalkDoc> {
    return this.connection.collection<WalkDoc>("people_listings");
  }
}
