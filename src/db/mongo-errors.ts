/** E11000: the unique index said no. Mongo and FerretDB both use this code. */
export function isDuplicateKeyError(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as { code?: unknown }).code === 11000
  );
}

/**
 * The positions of the documents an unordered `insertMany` had refused by a unique index; `error`
 * is thrown again if anything else went wrong (then nothing can be said of the rest).
 */
export function refusedByUniqueIndex(error: unknown): Set<number> {
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  // The driver gives one error as an object, several as an array.
  const list = (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as {
    index?: unknown;
  }[];
  if (!writeErrors || list.some((e) => !isDuplicateKeyError(e) || typeof e.index !== "number")) {
    throw error;
  }
  return new Set(list.map((e) => e.index as number));
}
