// The repository must run from a bare clone: nothing in it may read a folder beside it.
// (Slack's own material is vendored in test/fixtures/slack with its provenance.)
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const SCANNED = ["src", "test", "tools", "bench", ".ci", "manifests", "package.json", "Dockerfile"];
const SKIPPED = new Set(["node_modules", "fixtures", "bin", ".cache"]);
// Built from parts so this file does not match itself.
const OUTSIDE = ["..", "shared"].join("/");

function* files(path: string): Generator<string> {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path)) if (!SKIPPED.has(entry)) yield* files(join(path, entry));
  } else {
    yield path;
  }
}

describe("the repository stands alone", () => {
  it("no source, test, tool or script reads the shared folder beside the clone", () => {
    const offenders: string[] = [];
    for (const top of SCANNED) {
      for (const file of files(join(repoRoot, top))) {
        if (readFileSync(file, "utf8").includes(OUTSIDE)) offenders.push(relative(repoRoot, file));
      }
    }
    expect(offenders).toEqual([]);
  });
});
