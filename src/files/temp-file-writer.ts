import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import type { Cell, ExportFile, FileWriter } from "../domain/export.js";

/**
 * A spreadsheet runs a cell that starts with one of these as a formula
 * (CSV injection); a leading apostrophe makes it text, as OWASP advises.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(cell: Cell): Cell {
  return typeof cell === "string" && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * FileWriter on temporary files: each file in its own private folder, written
 * from a stream, so memory holds a few rows whatever the file's size.
 */
export class TempFileWriter implements FileWriter {
  async csv(
    filename: string,
    title: string,
    header: readonly string[],
    rows: AsyncIterable<readonly Cell[]>,
  ): Promise<ExportFile> {
    const path = await this.pathFor(filename);
    let count = 0;
    const cells = async function* () {
      for await (const row of rows) {
        count += 1;
        yield row.map(neutralise);
      }
    };
    try {
      // csv-stringify quotes commas and quotes and ends lines with CRLF, but with that delimiter
      // it quotes only a cell holding CRLF; a spreadsheet ends a row at a bare \n or \r too, so
      // such a cell (a note's "\n=cmd|...") would split the row and start a formula.
      await pipeline(
        Readable.from(cells()),
        stringify({
          header: true,
          columns: [...header],
          record_delimiter: "windows",
          quoted_match: /[\r\n]/,
        }),
        createWriteStream(path, { mode: 0o600 }),
      );
    } catch (error) {
      await rm(dirname(path), { recursive: true, force: true });
      throw error;
    }
    return { filename, title, path, bytes: (await stat(path)).size, rows: count };
  }

  async json(filename: string, title: string, value: unknown): Promise<ExportFile> {
    const path = await this.pathFor(filename);
    await writeFile(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    return { filename, title, path, bytes: (await stat(path)).size, rows: 1 };
  }

  async discard(files: readonly ExportFile[]): Promise<void> {
    await Promise.all(files.map((f) => rm(dirname(f.path), { recursive: true, force: true })));
  }

  private async pathFor(filename: string): Promise<string> {
    const folder = await mkdtemp(join(tmpdir(), "mentor-export-"));
    return join(folder, basename(filename));
  }
}
