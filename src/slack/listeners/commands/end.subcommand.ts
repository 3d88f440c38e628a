import { confirmEndMessage } from "../../messages/ending.messages.js";
import type { Subcommand } from "./subcommand.js";

/** `/mentor end [@person] [reason]`: asks to confirm; the button ends it. */
export const endSubcommand: Subcommand<"end"> = async ({ services, actorId }, command) => {
  const { relationship, reason } = await services.ending.prepare(
    actorId,
    command.otherId,
    command.reason,
  );
  return confirmEndMessage(relationship, reason);
};
