import type { SlackMessage } from "../../direct-messenger.js";
import { programReportMessage } from "../../messages/program.messages.js";
import type { Services } from "../../services.js";

/** `/mentor program [page]`: the program report, for program admins. */
export async function programSubcommand(
  services: Services,
  actorId: string,
  page: number,
): Promise<SlackMessage> {
  return programReportMessage(await services.program.report(actorId), page);
}
