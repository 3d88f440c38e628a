/**
 * Writes of many documents by `_id`, shaped so that FerretDB finds each document by its `_id`
 * alone and keeps no connection per statement. Plain MongoDB reads these as the ordinary
 * filters they are equal to.
 *
 * Two things FerretDB 1.24 does that this shape avoids, measured on its PostgreSQL backend with
 * the launcher's equality indexes:
 * - it asks PostgreSQL to narrow by every plain equality of a filter. A condition beside `_id` on
 *   a field with an index (a status, a due bucket) makes PostgreSQL combine the two indexes,
 *   reading every document that shares the value: at 20,000 check-ins all scheduled, 5.6 ms an
 *   update against 2.5 ms by `_id` alone. A condition written as `{ $in: [value] }` (the same
 *   match) is not passed down, so FerretDB checks it on the one document `_id` found.
 * - an `updateOne` statement holds a backend connection until its whole command ends (see
 *   BULK_WRITE_CHUNK); an `updateMany` statement reads its documents to the end and gives the
 *   connection back. So a page of `updateMany` statements, one `_id` each, goes as one command.
 */

/** A condition checked on the document `_id` found, not another index to narrow by. */
export const checkedOnFound = <T>(value: T): { $in: [T] } => ({ $in: [value] });

/** Statements by `_id` in one command at most (see the note above); a sweep page takes four. */
export const BY_ID_STATEMENTS_PER_COMMAND = 500;

/**
 * How many commands a page's statements by `_id` are split into, sent at once. A server runs the
 * statements of one command one after the other (MongoDB and FerretDB alike), each a lookup and a
 * write, so a sweep page in one command keeps one core of the database busy while the others
 * wait: the sweep's schedule advance was most of its time (1.4 ms a statement on FerretDB here).
 * Four commands let the database use its cores. Each holds MIN_STATEMENTS_PER_COMMAND at least
 * (the last may hold fewer), so a few statements go as one: they cost less than more round trips.
 */
export const BY_ID_COMMANDS_AT_ONCE = 4;
const MIN_STATEMENTS_PER_COMMAND = 100;

/**
 * Writes `statements` by `_id` in up to BY_ID_COMMANDS_AT_ONCE commands at once (more, of
 * BY_ID_STATEMENTS_PER_COMMAND each, for more than a page). Settles every command before it
 * returns or throws, so no write of the page is still running when the caller goes on.
 */
export async function writeByIdAtOnce<T>(
  statements: readonly T[],
  write: (command: T[]) => Promise<void>,
): Promise<void> {
  const perCommand = Math.min(
    BY_ID_STATEMENTS_PER_COMMAND,
    Math.max(MIN_STATEMENTS_PER_COMMAND, Math.ceil(statements.length / BY_ID_COMMANDS_AT_ONCE)),
  );
  const commands: T[][] = [];
  for (let i = 0; i < statements.length; i += perCommand) {
    commands.push(statements.slice(i, i + perCommand));
  }
  const settled = await Promise.allSettled(commands.map(write));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
}
