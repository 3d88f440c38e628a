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
    return this.walks().findOne({ _id: WALK }, { projection: { _id: 0 } });
  }

  async save(walk: ProfileWalk): Promise<void> {
    await this.walks().updateOne({ _id: WALK }, { $set: walk }, { upsert: true });
  }

  /** Beside the listing document (person.repository.ts), which holds who was seen when. */
  private walks(): Collection<WalkDoc> {
    return this.connection.collection<WalkDoc>("people_listings");
  }
}
