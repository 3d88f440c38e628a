import type { Exchange, ExchangeNotifier } from "../../domain/exchange.js";
import type { DirectMessenger } from "../direct-messenger.js";
import { exchangeSavedReply, exchangeSharedMessage } from "../messages/exchange.messages.js";

/** Offers and advice reach the other person once (keyed by the exchange); the author hears so. */
export class SlackExchangeNotifier implements ExchangeNotifier {
  constructor(private readonly messenger: DirectMessenger) {}

  async shared(exchange: Exchange, recipientId: string): Promise<void> {
    await this.messenger.sendOnce(
      `exchange:${exchange.id}`,
      recipientId,
      exchangeSharedMessage(exchange),
    );
    await this.messenger.sendOnce(
      `exchange.saved:${exchange.id}`,
      exchange.authorId,
      exchangeSavedReply(recipientId),
    );
  }
}
