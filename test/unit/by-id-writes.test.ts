import { describe, expect, it } from "vitest";
import { BY_ID_COMMANDS_AT_ONCE, writeByIdAtOnce } from "../../src/db/by-id-writes.js";

/** Records each command's statements and how many commands were in flight at its start. */
function recordingWriter(fail?: (command: number[]) => boolean) {
  const commands: number[][] = [];
  const finished: number[][] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const write = async (command: number[]) => {
    commands.push(command);
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    // A round trip: every command of the call starts before any ends.
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    if (fail?.(command)) throw new Error(`refused ${command[0]}`);
    finished.push(command);
  };
  return { write, commands, finished, mostInFlight: () => mostInFlight };
}

const numbers = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("writeByIdAtOnce", () => {
  it("sends a page of 500 as four commands at once, every statement once and in order", async () => {
    const writer = recordingWriter();
    await writeByIdAtOnce(numbers(500), writer.write);
    expect(writer.commands.map((c) => c.length)).toEqual([125, 125, 125, 125]);
    expect(writer.mostInFlight()).toBe(BY_ID_COMMANDS_AT_ONCE);
    expect(writer.commands.flat()).toEqual(numbers(500));
  });

  it("keeps a few statements in one command", async () => {
    const writer = recordingWriter();
    await writeByIdAtOnce(numbers(30), writer.write);
    expect(writer.commands).toEqual([numbers(30)]);
  });

  it("writes nothing for no statements", async () => {
    const writer = recordingWriter();
    await writeByIdAtOnce([], writer.write);
    expect(writer.commands).toEqual([]);
  });

  it("lets every other command finish before it reports a refused one", async () => {
    const writer = recordingWriter((command) => command[0] === 125);
    await expect(writeByIdAtOnce(numbers(500), writer.write)).rejects.toThrow("refused 125");
    expect(writer.finished.map((c) => c[0])).toEqual([0, 250, 375]);
  });
});
