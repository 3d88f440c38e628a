import type { ListDue, StatusChanges } from "./status-changes.js";

export type FeedbackRequestStatus = "scheduled" | "asked" | "answered" | "expired" | "cancelled";

/** A mentee's request for feedback on a topic (a presentation, a project), to their mentor or someone else. */
export interface FeedbackRequest {
  id: string;
  relationshipId: string;
  requesterId: string;
  giverId: string;
  /**
   * The mentee named the giver (`from @person`); otherwise the giver is their mentor of the
   * moment, and a reassignment moves a request not yet prompted to the new one.
   */
  giverNamed?: boolean;
  topic: string;
  /** When the prompt goes out; also when the event took place. */
  promptAt: Date;
  status: FeedbackRequestStatus;
  askedAt: Date | null;
  message: { channel: string; ts: string } | null;
  remindAt: Date | null;
  remindedAt: Date | null;
  expiresAt: Date | null;
  createdAt: Date;
}

/** A request with its number in the requester's full list (`/mentor feedback cancel <n>`). */
export interface NumberedRequest {
  number: number;
  request: FeedbackRequest;
}

export interface FeedbackFields {
  wentWell: string;
  toImprove: string;
  /** 1–5, optional. */
  rating: number | null;
  nextStep: string;
}

/** Feedback given, asked for or not. Seen only by the mentee, the giver and program admins. */
export interface FeedbackEntry extends FeedbackFields {
  id: string;
  requestId: string | null;
  relationshipId: string;
  giverId: string;
  recipientId: string;
  topic: string;
  createdAt: Date;
}

/** Unanswered requests expire after a week, and the mentee is told. */
export const FEEDBACK_EXPIRES_AFTER_MS = 7 * 24 * 3600 * 1000;

/** The Slack side of feedback, as the domain needs it; every message is sent once. */
export interface FeedbackNotifier {
  /** Where the prompt went; null when the giver has left the workspace (nothing sent). */
  sendPrompt(request: FeedbackRequest): Promise<{ channel: string; ts: string } | null>;
  sendReminder(request: FeedbackRequest): Promise<void>;
  tellExpired(request: FeedbackRequest): Promise<void>;
  /** The request was cancelled: the person asked was forgotten. */
  tellWithdrawn(request: FeedbackRequest): Promise<void>;
  /** The feedback to the mentee, and the giver's prompt marked as sent. */
  deliver(entry: FeedbackEntry, request: FeedbackRequest | null): Promise<void>;
}

/** A feedback request to create; it starts scheduled for `promptAt`. */
export type NewFeedbackRequest = Pick<
  FeedbackRequest,
  "relationshipId" | "requesterId" | "giverId" | "giverNamed" | "topic" | "promptAt" | "createdAt"
>;

/** Port: a reassignment's move of the requests that went to the mentor by default. */
export interface DefaultGiverMover {
  /** Requests of the pair not yet prompted, to `fromMentorId` by default, go to `toMentorId`. */
  moveDefaultGiver(
    relationshipId: string,
    fromMentorId: string,
    toMentorId: string,
  ): Promise<number>;
}

/** Port: a forgetting's withdrawal of the requests still open to the person forgotten. */
export interface GiverWithdrawals {
  /** Requests asked of them, to be prompted or answered. */
  listOpenTo(giverId: string): Promise<string[]>;
  /** Cancels each of these still open (again, on a retry: nothing changes). */
  cancelOpen(ids: readonly string[]): Promise<void>;
}

/** Port: where feedback requests are kept; each status change happens once. */
export interface FeedbackRequestStore extends StatusChanges<FeedbackRequest> {
  create(input: NewFeedbackRequest): Promise<FeedbackRequest>;
  findById(id: string): Promise<FeedbackRequest | null>;
  listByRequester(requesterId: string): Promise<FeedbackRequest[]>;
  listOwedBy(giverId: string): Promise<FeedbackRequest[]>;
  /** The sweep's work: prompts due, reminders due, requests to expire. */
  listDue: ListDue<FeedbackRequest, "promptAt" | "remindAt" | "expiresAt">;
  setReminder(id: string, remindAt: Date, remindedAt: Date | null): Promise<FeedbackRequest | null>;
}

/** The dedupe key of the feedback given to a request: one entry a request, whoever retries. */
export function feedbackRequestKey(requestId: string): string {
  return `request:${requestId}`;
}

/** Port: the feedback given, stored once per dedupe key. */
export interface FeedbackEntryStore {
  createOnce(
    dedupeKey: string,
    entry: Omit<FeedbackEntry, "id">,
  ): Promise<{ entry: FeedbackEntry; created: boolean }>;
  findById(id: string): Promise<FeedbackEntry | null>;
  /** The feedback given to this request, if any: what says a request was answered. */
  findForRequest(requestId: string): Promise<FeedbackEntry | null>;
}
