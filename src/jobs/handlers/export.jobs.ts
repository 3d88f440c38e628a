import type { ProgramExportService } from "../../domain/program-export.service.js";
import type { JobHandlers } from "../job-workers.js";

/** Thin handler: the payload names who asked and when; the service writes and shares. */
export function exportJobHandlers(
  exports: ProgramExportService,
): Pick<JobHandlers, "exports.program"> {
  return {
    "exports.program": ({ userId, requestKey }) => exports.run(userId, requestKey),
  };
}
