import { mention } from "../commands/mention.js";
import { page } from "./slack-limits.js";

/** Enough names to reach someone; the rest are counted. */
const ADMINS_NAMED = 3;

/**
 * Who "a program admin" is, so asking one is not a dead end: `<@a>, <@b> or <@c>`, or
 * `<@a>, <@b>, <@c> and 2 more`. Empty when there are none (callers say so in their own words).
 */
export function adminNames(adminIds: readonly string[]): string {
  const { shown, more } = page(adminIds, ADMINS_NAMED);
  const names = shown.map(mention);
  if (more) return `${names.join(", ")} and ${more} more`;
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}
