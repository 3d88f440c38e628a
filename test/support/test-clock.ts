import type { Clock } from "../../src/clock.js";

/** A clock tests set and move by hand, so nothing ever sleeps to pass time. */
export class TestClock implements Clock {
  private current: Date;

  constructor(start = new Date("2026-11-23T15:00:00Z")) {
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
