/**
 * A change (a pairing, an ending, a reassignment) is written first and its messages are queued
 * after. When queuing fails, the person sees "try again", and their retry finds the change made.
 * A retry this soon after the change queues its messages again: job ids and the delivery ledger
 * (kept 30 days) send each message once, so a retry after a queue that did work sends nothing
 * more. Later, the change is old news and a retry gets only the usual answer.
 */
const RETRY_FINISHES_WITHIN_MS = 24 * 3600 * 1000;

/** Whether a change made at `at` is recent enough for a retry to finish its work. */
export function retryMayFinish(at: Date | null | undefined, now: Date): boolean {
  return !!at && now.getTime() - at.getTime() <= RETRY_FINISHES_WITHIN_MS;
}
