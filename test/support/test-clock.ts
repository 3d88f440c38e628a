import type { Clock } from "../../src/clock.js";

/** Where a test bot's clock starts: Monday 23 November 2026, 15:00 UTC. */
export const CLOCK_START = new Date("2026-11-23T15:00:00Z");

/** A clock tests set and move by hand, so nothing ever sleeps to pass time. */
export class TestClock implements Clock {
  private current: Date;

  constructor(start = CLOCK_START) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
