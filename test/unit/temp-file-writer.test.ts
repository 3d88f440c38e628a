import { readFile, stat } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { neutralise, TempFileWriter } from "../../src/files/temp-file-writer.js";

async function* rows(...list: Array<Array<string | number | null>>) {
  yield* list;
}

describe("CSV files for export", () => {
  it("neutralises every cell a spreadsheet would run as a formula, and nothing else", () => {
    expect(["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "ok", "a=b", ""].map(neutralise)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\t=1",
      "ok",
      "a=b",
      "",
    ]);
    expect(neutralise(-3)).toBe(-3);
    expect(neutralise(null)).toBe(null);
  });

  it("writes RFC 4180 CSV that parses back, counts rows, and discards the file", async () => {
    const writer = new TempFileWriter();
    const file = await writer.csv(
      "t.csv",
      "T",
      ["a", "b"],
      rows(['say "hi", then\nleave', 1], ["@me", null]),
    );
    const text = await readFile(file.path, "utf8");
    expect(text).toBe('a,b\r\n"say ""hi"", then\nleave",1\r\n\'@me,\r\n');
    expect(parse(text, { columns: true })).toEqual([
      { a: 'say "hi", then\nleave', b: "1" },
      { a: "'@me", b: "" },
    ]);
    expect(file).toMatchObject({ filename: "t.csv", rows: 2, bytes: Buffer.byteLength(text) });
    await writer.discard([file]);
    await expect(stat(file.path)).rejects.toThrow();
  });
});
