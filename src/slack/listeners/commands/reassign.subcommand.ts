import { reassignedReply } from "../../messages/reassignment.messages.js";
import type { Subcommand } from "./subcommand.js";

/** `/mentor reassign @mentee @new-mentor`, for program admins. */
export const reassignSubcommand: Subcommand<"reassign"> = async (
  { services, actorId },
  command,
) => {
  await services.reassignments.reassign(actorId, command.menteeId, command.mentorId);
  return reassignedReply(command);
};
