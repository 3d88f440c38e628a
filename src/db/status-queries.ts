import { type Model, Types } from "mongoose";

/**
 * The two queries every time-driven collection (check-ins, feedback requests)
 * needs: "which are due" for the sweep, and "move this one on" for its jobs.
 */

/** Documents in `status` whose `field` time has come, oldest first. A due reminder must not have been sent yet. */
export async function findDue<Doc>(
  model: Model<Doc>,
  status: string,
  field: string,
  now: Date,
  limit: number,
): Promise<Doc[]> {
  const filter: Record<string, unknown> = { status, [field]: { $lte: now } };
  if (field === "remindAt") filter.remindedAt = null;
  return model
    .find(filter)
    .sort({ [field]: 1 })
    .limit(limit)
    .lean<Doc[]>();
}

/**
 * Moves a document from one of `from` to `to`, setting `set` too; null when it
 * was in none of them. (On MongoDB this is atomic; the delivery ledger, not this,
 * is what keeps Slack messages to one.)
 */
export async function transitionStatus<Doc>(
  model: Model<Doc>,
  id: string,
  from: readonly string[],
  to: string,
  set: Record<string, unknown>,
): Promise<Doc | null> {
  if (!Types.ObjectId.isValid(id)) return null;
  return model
    .findOneAndUpdate(
      { _id: id, status: { $in: [...from] } },
      { $set: { ...set, status: to } },
      { returnDocument: "after" },
    )
    .lean<Doc>();
}
