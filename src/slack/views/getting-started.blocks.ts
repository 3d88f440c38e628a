import type { KnownBlock } from "@slack/types";
import type { Relationship } from "../../domain/relationship.js";
import { mention } from "../commands/mention.js";
import { context, section } from "../messages/blocks.js";
import { adminNames } from "../messages/program-admins.messages.js";
import { page } from "../messages/slack-limits.js";

/** What the App Home's empty state needs to know of the viewer. */
export interface GettingStarted {
  /** A program admin pairs people at once, so they get an admin's next steps, not a mentee's. */
  isAdmin: boolean;
  /** Pairing requests to or from the viewer still waiting for an answer. */
  pending: readonly Relationship[];
  /** Program admins, named so "ask a program admin" says whom (empty: there are none). */
  admins: readonly string[];
}

/** Requests listed by name; a few more are counted (the Messages tab keeps each one). */
const REQUESTS_SHOWN = 10;

const HELP = context("Type `/mentor help` for every command.");

/** The App Home of someone in no mentorship: what they can do next, for who they are. */
export function gettingStartedBlocks(viewerId: string, start: GettingStarted): KnownBlock[] {
  return [...pendingBlocks(viewerId, start.pending), ...nextSteps(start)];
}

function nextSteps(start: GettingStarted): KnownBlock[] {
  if (start.isAdmin) {
    return [
      section(
        "You're not in a mentorship yourself. As a program admin, you can:\n" +
          "• Pair two people: `/mentor pair @mentor @mentee` (paired at once).\n" +
          "• Allow celebration channels: `/mentor channels allow #channel`.\n" +
          "• See how the program is doing: `/mentor program`.",
      ),
      HELP,
    ];
  }
  const yourself = "`/mentor pair @mentor @mentee` (they'll get a request to accept).";
  const ways = start.admins.length
    ? `• Ask a program admin to pair you: ${adminNames(start.admins)}, or\n• Ask someone yourself: ${yourself}`
    : `• There are no program admins yet, so ask someone yourself: ${yourself}`;
  return [
    section(
      `You're not in a mentorship yet. To get started:\n${ways}\n` +
        "Then write your roadmap together: `/mentor goal …` and `/mentor milestone add …`.",
    ),
    HELP,
  ];
}

/** Unanswered requests, so "not in a mentorship yet" does not hide one waiting on the viewer. */
function pendingBlocks(viewerId: string, pending: readonly Relationship[]): KnownBlock[] {
  if (pending.length === 0) return [];
  const { shown, more } = page(pending, REQUESTS_SHOWN);
  const lines = shown.map((request) => requestLine(viewerId, request));
  if (more) lines.push(`…and ${more} more.`);
  return [section(`*Pairing requests*\n${lines.join("\n")}`)];
}

function requestLine(viewerId: string, request: Relationship): string {
  const viewerMentors = request.mentorId === viewerId;
  const other = viewerMentors ? request.menteeId : request.mentorId;
  const requester = request.requestedBy ?? request.createdBy;
  // The other person's role in the pair, seen from the viewer.
  const theirRole = viewerMentors ? "mentee" : "mentor";
  const yourRole = viewerMentors ? "mentor" : "mentee";
  return requester === viewerId
    ? `• Waiting for ${mention(other)} to accept being your ${theirRole}.`
    : `• ${mention(other)} asked you to be their ${yourRole}: answer in my Messages tab.`;
}
