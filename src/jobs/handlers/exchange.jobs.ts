import type { ExchangeService } from "../../domain/exchange.service.js";
import type { WorkplacePrompts } from "../../domain/workplace.service.js";
import type { JobHandlers } from "../job-workers.js";

/** Thin handlers: the services reload the exchange, the schedule and the pair. */
export function exchangeJobHandlers(
  exchanges: ExchangeService,
  workplace: WorkplacePrompts,
): Pick<JobHandlers, "exchanges.shared" | "workplace.prompt"> {
  return {
    "exchanges.shared": ({ exchangeId }) => exchanges.announce(exchangeId),
    "workplace.prompt": ({ relationshipId, dueAt }) => workplace.prompt(relationshipId, dueAt),
  };
}
