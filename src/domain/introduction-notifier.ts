import type { Introduction } from "./introduction.js";

/** The Slack side of introductions; each call sends at most once per introduction. */
export interface IntroductionNotifier {
  /** Opens the group DM of mentor, mentee and person, and introduces them. */
  introduce(introduction: Introduction): Promise<void>;
  /** Asks the mentor, in a DM, whom they could introduce the mentee to. */
  askMentor(request: Introduction): Promise<void>;
}
