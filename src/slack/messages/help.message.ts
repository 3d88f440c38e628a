import type { KnownBlock } from "@slack/types";
import { section } from "./blocks.js";

interface CommandHelp {
  usage: string;
  example: string;
  what: string;
}

/** Every command, with an example. Later issues add rows here. */
export const COMMAND_HELP: readonly CommandHelp[] = [
  {
    usage: "/mentor pair @mentor @mentee",
    example: "/mentor pair @maria @sam",
    what: "Pair a mentor with a mentee. Program admins pair directly; if you are one of the two, the other person is asked to accept.",
  },
  {
    usage: "/mentor help",
    example: "/mentor help",
    what: "Show this list.",
  },
];

export function helpText(): string {
  return [
    "Here is what I can do:",
    ...COMMAND_HELP.map((c) => `• \`${c.usage}\`: ${c.what} Example: \`${c.example}\``),
  ].join("\n");
}

export function helpBlocks(intro?: string): KnownBlock[] {
  return [
    ...(intro ? [section(intro)] : []),
    section("*Mentorship check-ins: what you can type*"),
    ...COMMAND_HELP.map((c) => section(`\`${c.usage}\`\n${c.what}\n_Example:_ \`${c.example}\``)),
  ];
}
