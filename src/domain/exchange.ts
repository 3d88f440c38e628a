/**
 * "What we learn from each other": mentoring goes both ways. The mentee offers the mentor
 * something (a new tool, a trend, help on an initiative), at the kickoff and every few
 * check-ins; the mentor gives advice on navigating the workplace. Kept with the pair.
 */
export type ExchangeKind = "offer" | "advice";

/** Every this many check-ins, the mentee is also asked what they can offer the mentor. */
export const OFFER_EVERY = 4;

/** Topics the monthly "Navigating the workplace" prompt offers the mentor. */
export const WORKPLACE_TOPICS = [
  { id: "presenting", name: "Presenting ideas in meetings" },
  { id: "alliances", name: "Building alliances" },
  { id: "cross-department", name: "Cross-department projects" },
  { id: "visibility", name: "Making your work visible" },
  { id: "disagreeing", name: "Disagreeing well" },
] as const;

export interface Exchange {
  id: string;
  relationshipId: string;
  authorId: string;
  kind: ExchangeKind;
  /** Where it came from: the kickoff, a check-in, or a workplace topic's id. */
  source: string;
  text: string;
  at: Date;
}

export type NewExchange = Omit<Exchange, "id">;

export interface ExchangeStore {
  add(exchange: NewExchange): Promise<Exchange>;
  /**
   * The pair's one exchange of this kind, author and source (the kickoff's offer): added the
   * first time, its text and time replaced when they change, left alone when the text is the same.
   */
  putOne(exchange: NewExchange): Promise<Exchange>;
  findById(id: string): Promise<Exchange | null>;
  /** Newest first. */
  recent(relationshipId: string, limit: number): Promise<Exchange[]>;
}

/** The Slack side: the other person hears of it, once. */
export interface ExchangeNotifier {
  /** The recipient gets the offer or advice; its author hears that it was passed on. */
  shared(exchange: Exchange, recipientId: string): Promise<void>;
}

export const EXCHANGE_TEXT_LIMIT = 2_000;
export const HOME_EXCHANGES = 5;

/** Whether a check-in (by its 1-based sequence) also asks what the mentee can offer. */
export const asksForOffer = (sequence: number) => sequence > 0 && sequence % OFFER_EVERY === 0;
