import { randomBytes } from "node:crypto";
import { systemClock } from "../clock.js";

const realMs = () => systemClock.now().getTime();

/** Slack lets an app open a modal within 3 seconds of the interaction that gave the trigger. */
const TRIGGER_LIFETIME_MS = 3_000;
/** A response_url takes up to 5 posts within 30 minutes. */
const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;
const RESPONSE_URL_USES = 5;

/**
 * Short-lived handles Slack gives an app with each interaction: trigger ids (to open a modal,
 * once, within 3 s) and response_urls (to answer the person where they typed). Kept in
 * memory: like Slack's, they are worthless a few minutes later. Measured in real time, as
 * Slack does, whatever the playground clock says.
 */
export class Triggers {
  private readonly triggers = new Map<string, { userId: string; at: number }>();
  private readonly responses = new Map<string, ResponseTarget & { at: number; uses: number }>();

  issue(userId: string): string {
    this.prune();
    const id = `${realMs()}.${randomBytes(12).toString("hex")}`;
    this.triggers.set(id, { userId, at: realMs() });
    return id;
  }

  /**
   * Uses a trigger once. One used after Slack's 3 s still opens here, with `lateMs` set so the
   * page warns that Slack would have answered expired_trigger_id: on a busy laptop the
   * playground itself may be what is slow, and a lost modal would only confuse.
   */
  take(id: string): { userId: string; lateMs?: number } | { error: string } {
    const found = this.triggers.get(id);
    if (!found) return { error: "invalid_trigger_id" };
    this.triggers.delete(id);
    const age = realMs() - found.at;
    return age > TRIGGER_LIFETIME_MS
      ? { userId: found.userId, lateMs: age }
      : { userId: found.userId };
  }

  responseUrl(baseUrl: string, target: ResponseTarget): string {
    this.prune();
    const id = randomBytes(12).toString("hex");
    this.responses.set(id, { ...target, at: realMs(), uses: 0 });
    return `${baseUrl}/response/${id}`;
  }

  /** Where a post to response_url `id` goes; undefined once expired or used up. */
  useResponseUrl(id: string): ResponseTarget | undefined {
    const found = this.responses.get(id);
    if (!found || found.uses >= RESPONSE_URL_USES) return undefined;
    if (realMs() - found.at > RESPONSE_URL_LIFETIME_MS) return undefined;
    found.uses += 1;
    return found;
  }

  private prune(): void {
    const now = realMs();
    for (const [id, t] of this.triggers) {
      if (now - t.at > RESPONSE_URL_LIFETIME_MS) this.triggers.delete(id);
    }
    for (const [id, r] of this.responses) {
      if (now - r.at > RESPONSE_URL_LIFETIME_MS) this.responses.delete(id);
    }
  }
}

export interface ResponseTarget {
  channel: string;
  userId: string;
  /** The message the interaction came from, for replace_original / delete_original. */
  sourceTs?: string;
}
