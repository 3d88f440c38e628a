import type { CommandOf } from "../../commands/parsed-command.js";
import {
  adminAddedMessage,
  adminRemovedMessage,
  adminsListMessage,
} from "../../messages/admins.messages.js";
import type { SlackMessage } from "../../slack-message.js";
import type { SubcommandContext } from "./subcommand.js";

type AdminsCommand = CommandOf<"admins.list" | "admins.add" | "admins.remove">;

/** `/mentor admins [add|remove @person]`, for program admins. */
export async function adminsSubcommand(
  { services, actorId }: SubcommandContext,
  command: AdminsCommand,
): Promise<SlackMessage> {
  switch (command.kind) {
    case "admins.list":
      return adminsListMessage(await services.admin.listAdmins(actorId));
    case "admins.add":
      await services.admin.addAdmin(actorId, command.userId);
      return adminAddedMessage(command.userId);
    case "admins.remove":
      await services.admin.removeAdmin(actorId, command.userId);
      return adminRemovedMessage(command.userId);
  }
}
