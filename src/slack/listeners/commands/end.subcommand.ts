import { confirmEndMessage } from "../../messages/ending.messages.js";
import type { Subcommand } from "./subcommand.js";

/** `/mentor end [@person [@partner]] [reason]`: asks to confirm; the button ends it. */
export const endSubcommand: Subcommand<"end"> = async ({ services, actorId }, command) => {
  const { otherId, partnerId } = command;
  const { relationship, reason } = await services.ending.prepare(
    actorId,
    { ...(otherId ? { otherId } : {}), ...(partnerId ? { partnerId } : {}) },
    command.reason,
  );
  return confirmEndMessage(relationship, reason);
};
