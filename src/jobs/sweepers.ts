import type { CelebrationService } from "../domain/celebration.service.js";
import type { FeedbackService, SweepCounts } from "../domain/feedback.service.js";
import type { ForgettingService } from "../domain/forgetting.service.js";
import type { KickoffScheduleService } from "../domain/kickoff.service.js";
import type { Sweeper } from "../domain/sweeper.js";
import type { WorkplacePrompts } from "../domain/workplace.service.js";
import type { Logger } from "../logger.js";

/** Every sweeper's findings in one object: the intersection of what each one returns. */
type Merged<U> = (U extends unknown ? (u: U) => void : never) extends (m: infer M) => void
  ? M
  : never;
export type SweepFindings<S extends readonly Sweeper[]> = Merged<
  Awaited<ReturnType<S[number]["sweep"]>>
>;

/** Where a sweep's duration and findings are measured. */
export interface SweepMetrics {
  sweepSeconds: { startTimer(): () => unknown };
  countSweepFindings(findings: object): void;
}

/** One sweep over every time-driven concern, in list order; MongoDB says what is due. */
export class Sweeps<const S extends readonly Sweeper[]> {
  constructor(
    private readonly sweepers: S,
    private readonly metrics: SweepMetrics,
  ) {}

  async run(): Promise<SweepFindings<S>> {
    const timer = this.metrics.sweepSeconds.startTimer();
    const findings: object = {};
    for (const sweeper of this.sweepers) Object.assign(findings, await sweeper.sweep());
    timer();
    this.metrics.countSweepFindings(findings);
    return findings as SweepFindings<S>;
  }
}

/** Feedback prompts, reminders and expiries, found under `feedback`. */
export function feedbackSweeper(
  feedback: Pick<FeedbackService, "sweep">,
): Sweeper<{ feedback: SweepCounts }> {
  return { sweep: async () => ({ feedback: await feedback.sweep() }) };
}

/** Shout-outs that waited past a pair's daily cap and whose day has come. */
export function deferredShoutOutSweeper(
  celebrations: Pick<CelebrationService, "sweepDeferred">,
): Sweeper {
  return {
    sweep: async () => {
      await celebrations.sweepDeferred();
      return {};
    },
  };
}

/** Kickoff invitations, reminders and roadmap confirmations whose time has come. */
export function kickoffSweeper(kickoffs: Pick<KickoffScheduleService, "sweep">): Sweeper {
  return {
    sweep: async () => {
      await kickoffs.sweep();
      return {};
    },
  };
}

/** The monthly "Navigating the workplace" prompts whose time has come. */
export function workplaceSweeper(workplace: Pick<WorkplacePrompts, "sweep">): Sweeper {
  return {
    sweep: async () => {
      await workplace.sweep();
      return {};
    },
  };
}

/**
 * Forgettings a failure cut short: finished without waiting for "Forget" to be pressed again.
 * One failing again is logged and left to the next sweep; it never stops the others.
 */
export function forgettingSweeper(
  forgetting: Pick<ForgettingService, "unfinished" | "finish">,
  logger: Pick<Logger, "warn">,
): Sweeper<{ forgettings: { finished: number; failed: number } }> {
  return {
    sweep: async () => {
      const counts = { finished: 0, failed: 0 };
      for (const userId of await forgetting.unfinished()) {
        try {
          await forgetting.finish(userId);
          counts.finished++;
        } catch (err) {
          counts.failed++;
          logger.warn({ err, userId }, "an unfinished forgetting failed again");
        }
      }
      return { forgettings: counts };
    },
  };
}
