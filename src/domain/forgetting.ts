/**
 * `/mentor forget`: a person's right to be forgotten. What they wrote and
 * their profile are deleted; records the other person keeps show them as
 * FORMER_MEMBER ("a former member"); the audit trail keeps ids and actions,
 * never free text.
 */

/** Stands in for a forgotten person's Slack id in records kept for others. */
export const FORMER_MEMBER = "former-member";

/** Replaces a topic the forgotten person wrote, in feedback someone else gave them. */
export const FORGOTTEN_TOPIC = "(topic removed)";

/**
 * One collection's share of forgetting someone. `relationshipIds` are every
 * mentorship they were ever in (already ended), so each store can work
 * through indexed lookups. Returns how many records it changed or deleted.
 */
export interface PersonalDataHolder {
  forgetPerson(userId: string, relationshipIds: readonly string[]): Promise<number>;
}
