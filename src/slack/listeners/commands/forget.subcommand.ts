import { confirmForgetMessage } from "../../messages/forgetting.messages.js";
import type { Subcommand } from "./subcommand.js";

/** `/mentor forget me|@person`: asks to confirm; the button deletes. */
export const forgetSubcommand: Subcommand<"forget"> = async ({ services, actorId }, command) => {
  const targetId = command.target === "me" ? actorId : command.target;
  const { mentorships } = await services.forgetting.prepare(actorId, targetId);
  return confirmForgetMessage(actorId, targetId, mentorships);
};
