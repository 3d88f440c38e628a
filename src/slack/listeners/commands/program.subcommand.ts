import { programReportMessage } from "../../messages/program.messages.js";
import type { Subcommand } from "./subcommand.js";

/** `/mentor program [page]`: the program report, for program admins. */
export const programSubcommand: Subcommand<"program"> = async ({ services, actorId }, command) =>
  programReportMessage(await services.program.report(actorId), command.page);
