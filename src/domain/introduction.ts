/**
 * The mentor's network: an introduction of the mentee to someone the mentor
 * knows, or the mentee's request for one. Both are kept on the relationship.
 */
export interface Introduction {
  id: string;
  relationshipId: string;
  kind: "introduction" | "request";
  mentorId: string;
  menteeId: string;
  /** Who the mentee is introduced to (introductions only). */
  personId: string | null;
  /** Why they should meet, or (for a request) the topic the mentee asks about. */
  text: string;
  createdBy: string;
  createdAt: Date;
  /** When the group DM (or the mentor's DM) went out; null until then. */
  sentAt: Date | null;
}

export type NewIntroduction = Omit<Introduction, "id" | "sentAt">;

/** The Slack side of introductions; each call sends at most once per introduction. */
export interface IntroductionNotifier {
  /**
   * Opens the group DM of mentor, mentee and person, and introduces them. False, and nothing
   * sent, when one of them has left the workspace.
   */
  introduce(introduction: Introduction): Promise<boolean>;
  /** Asks the mentor, in a DM, whom they could introduce the mentee to; false as above. */
  askMentor(request: Introduction): Promise<boolean>;
}

/** Port: where introductions and requests for them are kept. */
export interface IntroductionStore {
  create(input: NewIntroduction): Promise<Introduction>;
  findById(id: string): Promise<Introduction | null>;
  markSent(id: string, at: Date): Promise<void>;
  listForRelationship(relationshipId: string, limit: number): Promise<Introduction[]>;
  /** Introductions (not requests) `mentorId` made since `since`. */
  countIntroductionsBySince(mentorId: string, since: Date): Promise<number>;
}
