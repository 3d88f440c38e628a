import type { CommandKind, CommandOf } from "../../commands/parsed-command.js";
import type { SlackMessage } from "../../slack-message.js";
import { adminsSubcommand } from "./admins.subcommand.js";
import { availabilitySubcommand } from "./availability.subcommand.js";
import { blockSubcommand } from "./block.subcommand.js";
import { celebrateSubcommand } from "./celebrate.subcommand.js";
import { channelsSubcommand } from "./channels.subcommand.js";
import { checkinSubcommand } from "./checkin.subcommand.js";
import { endSubcommand } from "./end.subcommand.js";
import { exportSubcommand, myDataSubcommand } from "./export.subcommand.js";
import { failuresSubcommand } from "./failures.subcommand.js";
import { feedbackSubcommand } from "./feedback.subcommand.js";
import { forgetSubcommand } from "./forget.subcommand.js";
import { helpSubcommand, unknownSubcommand, usageSubcommand } from "./help.subcommand.js";
import { introSubcommand } from "./intro.subcommand.js";
import { kickoffSubcommand } from "./kickoff.subcommand.js";
import { pairSubcommand } from "./pair.subcommand.js";
import { programSubcommand } from "./program.subcommand.js";
import { reassignSubcommand } from "./reassign.subcommand.js";
import { roadmapSubcommand } from "./roadmap.subcommand.js";
import type { Subcommand, SubcommandContext } from "./subcommand.js";
import { templatesSubcommand } from "./templates.subcommand.js";

/**
 * Which subcommand answers each parsed kind. The compiler checks that every
 * kind has one: a new kind in parsed-command.ts fails to build until routed.
 */
const ROUTES: { [K in CommandKind]: Subcommand<K> } = {
  help: helpSubcommand,
  unknown: unknownSubcommand,
  usage: usageSubcommand,
  pair: pairSubcommand,
  failures: failuresSubcommand,
  "channels.list": channelsSubcommand,
  "channels.allow": channelsSubcommand,
  "channels.remove": channelsSubcommand,
  block: blockSubcommand,
  unblock: blockSubcommand,
  "admins.list": adminsSubcommand,
  "admins.add": adminsSubcommand,
  "admins.remove": adminsSubcommand,
  program: programSubcommand,
  end: endSubcommand,
  forget: forgetSubcommand,
  reassign: reassignSubcommand,
  export: exportSubcommand,
  my_data: myDataSubcommand,
  "feedback.request": feedbackSubcommand,
  "feedback.list": feedbackSubcommand,
  "feedback.cancel": feedbackSubcommand,
  "feedback.give": feedbackSubcommand,
  "celebrate.show": celebrateSubcommand,
  "celebrate.channel": celebrateSubcommand,
  "celebrate.mode": celebrateSubcommand,
  "celebrate.aspiration": celebrateSubcommand,
  intro: introSubcommand,
  "intro.request": introSubcommand,
  "roadmap.templates": templatesSubcommand,
  "milestone.template": templatesSubcommand,
  "hours.show": availabilitySubcommand,
  "hours.set": availabilitySubcommand,
  away: availabilitySubcommand,
  back: availabilitySubcommand,
  "kickoff.show": kickoffSubcommand,
  "kickoff.at": kickoffSubcommand,
  "checkin.show": checkinSubcommand,
  "checkin.every": checkinSubcommand,
  "checkin.pause": checkinSubcommand,
  "checkin.resume": checkinSubcommand,
  "checkin.skip": checkinSubcommand,
  "checkin.now": checkinSubcommand,
  goal: roadmapSubcommand,
  roadmap: roadmapSubcommand,
  "milestone.add": roadmapSubcommand,
  "milestone.edit": roadmapSubcommand,
  "milestone.remove": roadmapSubcommand,
  "milestone.show": roadmapSubcommand,
  log: roadmapSubcommand,
  done: roadmapSubcommand,
  reopen: roadmapSubcommand,
};

/** Runs the subcommand for a parsed `/mentor` (or `/progress`) line. */
export function runSubcommand<K extends CommandKind>(
  ctx: SubcommandContext,
  command: CommandOf<K> & { kind: K },
): Promise<SlackMessage | null> {
  const subcommand: Subcommand<K> = ROUTES[command.kind];
  return subcommand(ctx, command);
}
