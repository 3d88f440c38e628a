/**
 * One time-driven concern (check-ins, feedback prompts, shout-outs that waited…). Each sweep asks
 * every sweeper in turn to find in MongoDB what became due and enqueue its work; a second sweep
 * enqueues nothing twice (job ids are deterministic). A new concern is one new sweeper.
 */
export interface Sweeper<Findings extends object = object> {
  /** What it found due, as counts: merged into the sweep's findings and counted in metrics. */
  sweep(): Promise<Findings>;
}
