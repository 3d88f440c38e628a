// Loaded into P1's web process (`node --import bench/db-command-count.ts … dist/main.js`, with
// monitorCommands=true in its MONGODB_URI): counts the database commands the bot sends, by
// command and collection with the driver's round trip, as the bench counts those of the bot in
// its own process. The bot's code is unchanged; the counts go to the bench over the IPC
// channel it opened: a "db-profile" message is answered with the counts since the last one.
// It runs with its types stripped (.cache/bench/), so it imports packages only.
import type { EventEmitter } from "node:events";
import mongoose from "mongoose";

const DB_PROFILE_MESSAGE = "db-profile";

interface Started {
  requestId: number;
  commandName: string;
  command: Record<string, unknown>;
}
interface Settled {
  requestId: number;
  duration: number;
}

const pending = new Map<number, string>();
let profile = new Map<string, { count: number; ms: number }>();

function watch(client: ReturnType<mongoose.Connection["getClient"]>): void {
  client.on("commandStarted", (event: Started) => {
    if (event.commandName === "hello" || event.commandName === "endSessions") return;
    const on = event.commandName === "getMore" ? "collection" : event.commandName;
    const collection = event.command[on];
    pending.set(
      event.requestId,
      `${event.commandName} ${typeof collection === "string" ? collection : ""}`.trim(),
    );
  });
  const settle = (event: Settled) => {
    const kind = pending.get(event.requestId);
    if (kind === undefined) return;
    pending.delete(event.requestId);
    const entry = profile.get(kind) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += event.duration;
    profile.set(kind, entry);
  };
  client.on("commandSucceeded", settle);
  client.on("commandFailed", settle);
}

// Every connection the bot makes, from its start: its client exists once it has connected.
// (Mongoose emits "createConnection" on `mongoose.events`, which its types leave out.)
const { events } = mongoose as unknown as { events: EventEmitter };
events.on("createConnection", (connection: mongoose.Connection) => {
  connection.once("connected", () => watch(connection.getClient()));
});

process.on("message", (message) => {
  if (message !== DB_PROFILE_MESSAGE) return;
  process.send?.({ [DB_PROFILE_MESSAGE]: [...profile] });
  profile = new Map();
});
// The channel must not keep the process alive once the bot has stopped.
process.channel?.unref();
