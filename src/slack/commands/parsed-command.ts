import type { FeedbackWhen } from "../../domain/feedback-time.js";
import type { UsageProblem } from "./usage-problem.js";

/**
 * A `/mentor …` line, understood. Parsing is pure: no I/O, no Slack. It
 * splits words and finds the optional pieces (`<@person>`, `by YYYY-MM-DD`);
 * checking values against the rules is the services' job.
 *
 * `pickedAtEnd`: `otherId` came from a mention after free text ("log 3 Met @olly"). It picks the
 * pair only when it names one of the actor's partners; else the listener reads the line again
 * with the mention kept in the text.
 */
export type ParsedCommand =
  | { kind: "help" }
  | { kind: "pair"; mentorId: string; menteeId: string }
  | { kind: "goal"; otherId?: string; pickedAtEnd?: true; text: string; date?: string }
  | { kind: "roadmap"; otherId?: string }
  | {
      kind: "milestone.add";
      otherId?: string;
      pickedAtEnd?: true;
      title: string;
      date?: string;
    }
  | {
      kind: "milestone.edit";
      otherId?: string;
      pickedAtEnd?: true;
      number?: string;
      title: string;
      date?: string;
    }
  | { kind: "milestone.remove"; otherId?: string; number?: string }
  | { kind: "milestone.show"; otherId?: string; number: string }
  | { kind: "log"; otherId?: string; pickedAtEnd?: true; number?: string; note: string }
  | { kind: "done"; otherId?: string; pickedAtEnd?: true; number?: string; note: string }
  | { kind: "reopen"; otherId?: string; number?: string }
  | { kind: "checkin.show"; otherId?: string }
  | {
      kind: "checkin.every";
      otherId?: string;
      frequency: string;
      weekday?: string;
      time?: string;
      extra: string[];
    }
  | { kind: "checkin.pause" | "checkin.resume" | "checkin.skip" | "checkin.now"; otherId?: string }
  | { kind: "failures" }
  | { kind: "block" | "unblock"; userId: string }
  | { kind: "channels.list" }
  | { kind: "channels.allow" | "channels.remove"; channelId: string }
  | { kind: "admins.list" }
  | { kind: "admins.add" | "admins.remove"; userId: string }
  | { kind: "program"; page: number }
  | { kind: "end"; otherId?: string; pickedAtEnd?: true; partnerId?: string; reason: string }
  | { kind: "reassign"; menteeId: string; mentorId: string }
  | { kind: "forget"; target: string }
  | { kind: "export" }
  | { kind: "my_data" }
  | {
      kind: "feedback.request";
      topic: string;
      when: FeedbackWhen;
      fromId?: string;
      /** A bare `@mentor` at the end: which mentorship, for a mentee with several. */
      otherId?: string;
      pickedAtEnd?: true;
    }
  | { kind: "feedback.list"; otherId?: string }
  | { kind: "feedback.cancel"; number?: string }
  | { kind: "feedback.give"; menteeId?: string; topic: string }
  | { kind: "celebrate.show"; otherId?: string }
  | { kind: "celebrate.channel"; otherId?: string; channelId: string }
  | { kind: "celebrate.mode"; otherId?: string; mode: "public" | "private" }
  | { kind: "celebrate.aspiration"; otherId?: string; share: boolean }
  | {
      kind: "intro";
      personId: string;
      menteeId?: string;
      why: string;
      /** A last-word mention: the mentee meant, if it is one of the mentor's (else part of why). */
      trailing?: { menteeId: string; why: string };
    }
  | { kind: "intro.request"; otherId?: string; pickedAtEnd?: true; topic: string }
  | { kind: "roadmap.templates" }
  | { kind: "milestone.template"; otherId?: string; template: string }
  | { kind: "hours.show" }
  | { kind: "hours.set"; range: string; days?: string }
  | { kind: "away"; until: string; note: string }
  | { kind: "back" }
  | { kind: "kickoff.show"; otherId?: string }
  | { kind: "kickoff.at"; otherId?: string; date: string; time: string }
  | UsageProblem
  | { kind: "unknown"; word: string };

export type CommandKind = ParsedCommand["kind"];

/** The parsed shape of one or more kinds: `CommandOf<"admins.add" | "admins.remove">`, `CommandOf<`checkin.${string}`>`. */
export type CommandOf<K extends string> = Extract<ParsedCommand, { kind: K }>;
