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

/** Statements by `_id` in one command: a sweep page's worth (see the note above). */
export const BY_ID_STATEMENTS_PER_COMMAND = 500;
