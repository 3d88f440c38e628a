import type { Exchange, ExchangeNotifier } from "../../domain/exchange.js";
import type { DirectMessenger } from "../direct-messenger.js";
import { exchangeSharedMessage } from "../messages/exchange.messages.js";

/** Offers and advice reach the other person once (keyed by the exchange). */
export class SlackExchangeNotifier implements ExchangeNotifier {
  constructor(private readonly messenger: DirectMessenger) {}

  async shared(exchange: Exchange, recipientId: string): Promise<void> {
    await this.messenger.sendOnce(
      `exchange:${exchange.id}`,
      recipientId,
      exchangeSharedMessage(exchange),
    );
  }
}
