import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { KNOWN_EMOJI } from "../../../src/playground/block-kit/mrkdwn.js";

const SRC = fileURLToPath(new URL("../../../src/", import.meta.url));
/** An emoji code in the bot's text: `:name:` after a space, a quote or the start of a string. */
const EMOJI_CODE = /(?<=[\s"'`])(:[a-z][a-z0-9_+]*:)(?=[\s"'`.,!]|$)/gm;

async function sourcesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => join(e.parentPath, e.name));
}

describe("the playground's emoji", () => {
  it("draws every emoji the bot writes, so none shows as a raw :code:", async () => {
    const files = [
      ...(await sourcesUnder(join(SRC, "slack"))),
      ...(await sourcesUnder(join(SRC, "domain"))),
    ];
    const used = new Set<string>();
    for (const file of files) {
      for (const [, code] of (await readFile(file, "utf8")).matchAll(EMOJI_CODE)) {
        if (code) used.add(code.slice(1, -1));
      }
    }
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((name) => !KNOWN_EMOJI.has(name)).sort()).toEqual([]);
  });
});
