import type { Context } from "@slack/bolt";
import { DomainError } from "../../domain/errors.js";

const VERDICT = "perPersonRateLimit";

/**
 * A command's rate-limit verdict, asked by the middleware and answered by the command's listener:
 * the count is one Redis round trip, so a command can read what it needs while it is out instead
 * of after it. Whoever handles the command waits for the verdict before it writes or answers.
 */
export function keepVerdict(context: Context, allowed: Promise<boolean>): void {
  // Awaited by the listener; this only keeps a failure before that from counting as unhandled.
  allowed.catch(() => undefined);
  context[VERDICT] = allowed;
}

/** Whether the command may go on; true when no limit was asked (no person acting). */
export function verdictOf(context: Context): Promise<boolean> {
  const allowed = context[VERDICT] as Promise<boolean> | undefined;
  return allowed ?? Promise.resolve(true);
}

/** Resolves once the verdict lets the command through; else throws the slow-down refusal. */
export async function admitted(allowed: Promise<boolean>): Promise<void> {
  if (!(await allowed)) throw new DomainError("slow_down");
}
