import { type Connection, type Model, Schema } from "mongoose";
import type { CelebrationClaims } from "../../domain/celebration.js";
import { isDuplicateKeyError } from "../mongo-errors.js";

interface ClaimDoc {
  _id: string;
  marking: string;
  at: Date;
}

// _id is the milestone's: the unique insert decides which marking is celebrated, even between
// racing workers (FerretDB's conditional updates are not atomic). Never purged, unlike the
// delivery ledger, so a milestone reopened and marked again months later stays celebrated once.
const claimSchema = new Schema<ClaimDoc>(
  {
    _id: { type: String, required: true },
    marking: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: "celebration_claims", versionKey: false },
);

/** Which marking of each milestone was celebrated. */
export class CelebrationClaimRepository implements CelebrationClaims {
  private readonly model: Model<ClaimDoc>;

  constructor(connection: Connection) {
    this.model = connection.model<ClaimDoc>("CelebrationClaim", claimSchema);
  }

  async claim(milestoneId: string, marking: string, now: Date): Promise<boolean> {
    try {
      await this.model.create({ _id: milestoneId, marking, at: now });
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const kept = await this.model.findById(String(milestoneId)).lean<ClaimDoc>();
    return kept?.marking === marking;
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}
