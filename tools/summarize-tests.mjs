// Prints vitest's JSON report as one plain line, "vitest: N passed, N failed, N skipped",
// the closing line CI reads. Prints nothing when there is no report (vitest never ran).
import { existsSync, readFileSync } from "node:fs";

const path = process.argv[2];
if (path && existsSync(path)) {
  const report = JSON.parse(readFileSync(path, "utf8"));
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(
    `vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`,
  );
}
