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

  it("quotes a cell holding a bare line break, so no row splits and no cell starts a formula", async () => {
    const writer = new TempFileWriter();
    const note = "Finished the draft\n=cmd|' /C calc'!A0";
    const file = await writer.csv("t.csv", "T", ["note", "n"], rows([note, 1], ["x\r=1+1", 2]));
    const text = await readFile(file.path, "utf8");
    // A spreadsheet ends a row at any line break outside quotes, not only at CRLF.
    const records = parse(text, {
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
    });
    expect(records).toEqual([
      ["note", "n"],
      [note, "1"],
      ["x\r=1+1", "2"],
    ]);
    await writer.discard([file]);
  });
});
